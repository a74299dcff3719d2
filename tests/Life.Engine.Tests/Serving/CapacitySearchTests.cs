using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class CapacitySearchTests
{
    private static StepCost Cost(string model, string hardware) =>
        new(OperatorTable.Build(Shipped.Catalog.ResolveModel(model), new Optimizations(), Shipped.Defaults), Shipped.Catalog.ResolveHardware(hardware), Deployment.Single);

    [Theory]
    [InlineData("llama-3-8b", "h100-sxm", 512, 128, 500, 50)]
    [InlineData("llama-3-8b", "h100-sxm", 4096, 128, 2000, 1000)]
    [InlineData("mistral-7b", "l40s", 256, 512, 300, 40)]
    public void The_rate_found_meets_the_slos_and_one_a_tenth_of_a_percent_above_it_does_not(string model, string hardware, int input, int output, double ttft, double tpot)
    {
        var cost = Cost(model, hardware);
        var qps = CapacitySearch.MaxQps(cost, input, output, SchedulerConfig.Default, 1000, ttft, tpot);

        Assert.True(qps > 0);
        Assert.True(CapacitySearch.Meets(cost, qps, input, output, SchedulerConfig.Default, 1000, ttft, tpot));
        Assert.False(CapacitySearch.Meets(cost, qps * (1 + (2 * CapacitySearch.Tolerance)), input, output, SchedulerConfig.Default, 1000, ttft, tpot));
    }

    [Fact]
    public void No_rate_meets_a_ttft_limit_below_the_prefill_of_a_request_alone()
    {
        var cost = Cost("llama-3-8b", "h100-sxm");

        // A lone 4096-token prefill takes longer than 1 ms on any GPU in the catalog (16 TFLOP at 8B).
        Assert.Equal(0, CapacitySearch.MaxQps(cost, 4096, 128, SchedulerConfig.Default, 1000, 1, double.PositiveInfinity));
    }
}
