using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class DisaggregatedSimulatorTests
{
    private static readonly StepCost Cost = new(OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults), Shipped.Catalog.ResolveHardware("h100-sxm"), Deployment.Single);

    private static DisaggregatedPools Pools(int prefill, int decode) =>
        new(prefill, Cost, decode, Cost, 1000, 0.002, 1024, 65, SchedulerConfig.Default);

    [Fact]
    public void A_lone_request_gets_its_first_token_after_its_prefill_and_the_transfer_then_decodes_alone()
    {
        // Requests 1000 s apart never meet: TTFT = S + 2 ms; 64 decode steps of one sequence at
        // contexts 1025..1088 over 64 tokens.
        var m = DisaggregatedSimulator.Run(Pools(1, 1), new ServingWorkload(0.001, 1024, 65), 5, seed: 1);
        var ttft = Cost.Seconds(0, 0, 1, 1024, 0) + 0.002;
        double decode = 0;
        for (var g = 1; g <= 64; g++)
        {
            decode += Cost.Seconds(1, 1024 + g, 0, 0, 0);
        }

        Assert.Equal(ttft * 1e3, m.TtftP50Ms, 1e-9);
        Assert.Equal(decode / 64 * 1e3, m.TpotP50Ms, 1e-9);
    }

    [Theory]
    [InlineData(1, 1, 0.3)]
    [InlineData(2, 3, 0.3)]
    public void The_steady_state_model_is_within_10_percent_of_the_simulator_on_medians_at_a_third_of_the_prefill_pools_rate(int prefill, int decode, double load)
    {
        var pools = Pools(prefill, decode);
        var qps = load * prefill / DisaggregatedServing.PrefillSeconds(Cost, 1024, 2048);
        var fast = pools.At(qps);
        var simulated = DisaggregatedSimulator.Run(pools, new ServingWorkload(qps, 1024, 65), 4000, seed: 1);
        var where = $"{qps:F1} qps: TTFT {fast.TtftP50Ms:F2}/{simulated.TtftP50Ms:F2}, TPOT {fast.TpotP50Ms:F3}/{simulated.TpotP50Ms:F3}";

        Assert.False(simulated.Saturated, where);
        Assert.InRange(fast.TtftP50Ms / simulated.TtftP50Ms, 0.9, 1.1);
        Assert.InRange(fast.TpotP50Ms / simulated.TpotP50Ms, 0.9, 1.1);
        Assert.InRange(fast.E2eP50Ms / simulated.E2eP50Ms, 0.9, 1.1);
    }

    [Fact]
    public void A_rate_past_the_prefill_pool_is_flagged_saturated()
    {
        var qps = 1.3 / DisaggregatedServing.PrefillSeconds(Cost, 1024, 2048);
        Assert.True(DisaggregatedSimulator.Run(Pools(1, 4), new ServingWorkload(qps, 1024, 65), 4000, seed: 1).Saturated);
        Assert.False(DisaggregatedSimulator.Run(Pools(2, 4), new ServingWorkload(qps, 1024, 65), 4000, seed: 1).Saturated);
    }
}
