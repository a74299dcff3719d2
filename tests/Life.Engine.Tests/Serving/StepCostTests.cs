using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class StepCostTests
{
    private static readonly HardwareSpec Node = new()
    {
        Fp16Tflops = 1000, BandwidthGBs = 3000, MemoryGB = 80, DevicesPerNode = 8,
        IntraNodeGBs = 450, IntraNodeLatencyUs = 2, InterNodeGBs = 50, InterNodeLatencyUs = 5,
        DispatchOverheadUs = 0, HalfEfficiencyTokens = 0,
    };

    [Fact]
    public void A_serving_step_on_two_devices_is_half_the_roofline_plus_the_same_collective_calls_as_predict()
    {
        // Llama-3-8B, 32 layers, hidden 4096: 64 all-reduces per step over 2 devices on a 450 GB/s,
        // 2 µs link. Each: 6 µs per call + 2·1 hop · 2 µs = 10 µs fixed, and 2·1/2 · 8192 B / 450e9 B/s
        // per token. A step of 8 decodes and a 256-token chunk moves 264 tokens:
        // 64 · (10 µs + 264 · 8192 / 450e9 s) = 640 µs + 307.6 µs.
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var one = new StepCost(table, Node, Deployment.Single).Seconds(8, 1000, 1, 256, 0);
        var two = new StepCost(table, Node, Deployment.For(new ParallelPlan(2, 1, 1))).Seconds(8, 1000, 1, 256, 0);

        var collectives = 64 * (10e-6 + (264 * 8192 / 450e9));
        Assert.Equal((one / 2) + collectives, two, 12);
    }
}
