using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class SteadyStateServingTests
{
    private static StepCost Cost(string model, string hardware) =>
        new(OperatorTable.Build(Shipped.Catalog.ResolveModel(model), new Optimizations(), Shipped.Defaults), Shipped.Catalog.ResolveHardware(hardware), Deployment.Single);

    /// <summary>The highest rate the steady-state model finds sustainable, by bisection.</summary>
    private static double SaturationQps(in StepCost cost, int input, int output, double concurrency)
    {
        double low = 0.01, high = 10000;
        for (var i = 0; i < 60; i++)
        {
            var mid = Math.Sqrt(low * high);
            var m = SteadyStateServing.Evaluate(cost, new ServingWorkload(mid, input, output), SchedulerConfig.Default, concurrency);
            (low, high) = m.Saturated ? (low, mid) : (mid, high);
        }

        return low;
    }

    [Theory]
    [InlineData("llama-3-8b", "h100-sxm", 512, 128, 0.5)]
    [InlineData("mistral-7b", "l40s", 256, 512, 0.7)]
    [InlineData("llama-2-7b", "a100-80gb", 1024, 256, 0.5)]
    [InlineData("llama-3-8b", "a100-80gb", 2048, 256, 0.3)]
    public void The_fast_model_is_within_10_percent_of_the_simulator_on_medians_below_saturation(string model, string hardware, int input, int output, double maxLoad)
    {
        // Up to maxLoad of the saturating rate: past about half of it, prompts that fill the step's
        // token budget queue in a way the M/D/1 approximation under-estimates at the median (at 70%:
        // H100 512-token TTFT 25 vs 32 ms, A100 2048-token 201 vs 356 ms).
        var cost = Cost(model, hardware);
        var saturation = SaturationQps(cost, input, output, 1000);
        foreach (var load in new[] { 0.1, 0.3, 0.5, 0.7 })
        {
            if (load > maxLoad)
            {
                break;
            }

            var workload = new ServingWorkload(load * saturation, input, output);
            var fast = SteadyStateServing.Evaluate(cost, workload, SchedulerConfig.Default, 1000);
            var simulated = ServingSimulator.Run(cost, workload, SchedulerConfig.Default, 1000, 4000, seed: 1);
            var where = $"{model} on {hardware} at {load:P0} of {saturation:F1} qps: TTFT {fast.TtftP50Ms:F2}/{simulated.TtftP50Ms:F2}, TPOT {fast.TpotP50Ms:F3}/{simulated.TpotP50Ms:F3}, E2E {fast.E2eP50Ms:F1}/{simulated.E2eP50Ms:F1} ms";
            Assert.False(fast.Saturated, where);
            Assert.False(simulated.Saturated, where);
            Assert.True(Within10Percent(fast.TtftP50Ms, simulated.TtftP50Ms), where);
            Assert.True(Within10Percent(fast.TpotP50Ms, simulated.TpotP50Ms), where);
            Assert.True(Within10Percent(fast.E2eP50Ms, simulated.E2eP50Ms), where);
        }
    }

    private static bool Within10Percent(double fast, double simulated) => Math.Abs(fast / simulated - 1) <= 0.10;
}
