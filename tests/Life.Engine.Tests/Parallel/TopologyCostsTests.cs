using FsCheck;
using FsCheck.Fluent;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Parallel;

public sealed class TopologyCostsTests
{
    private static readonly HardwareSpec Node = new()
    {
        Fp16Tflops = 1000, BandwidthGBs = 3000, MemoryGB = 80, DevicesPerNode = 8,
        IntraNodeGBs = 450, IntraNodeLatencyUs = 2, InterNodeGBs = 50, InterNodeLatencyUs = 5,
    };

    [Fact]
    public void Tensor_parallel_pays_two_all_reduces_per_layer()
    {
        // Tiny model: hidden 8 (16 bytes per token), 2 layers → 4 all-reduces over 4 devices.
        // Per all-reduce: 6 µs per call plus tree latency 2·⌈log2 4⌉·2 µs = 8 µs → 14 µs; 4 · 14 = 56 µs
        // per step; bandwidth per token 2·3/4 · 16 B / 450e9 B/s per all-reduce, times 4.
        var costs = TopologyCosts.Of(Node, Deployment.For(new ParallelPlan(4, 1, 1)), TinyModel.Spec);
        Assert.Equal(56e-6, costs.SecondsPerStep, 12);
        Assert.Equal(4 * 1.5 * 16 / 450e9 * 1e12, costs.SecondsPerToken * 1e12, 9);
    }

    [Fact]
    public void A_pipeline_pays_one_hand_over_per_stage_boundary()
    {
        // pp 2 of one device each: one hand-over, 2 µs and 16 B / 450e9 per token (a send, no per-call cost).
        var costs = TopologyCosts.Of(Node, Deployment.For(new ParallelPlan(1, 2, 1)), TinyModel.Spec);
        Assert.Equal(2e-6, costs.SecondsPerStep, 12);
        Assert.Equal(16 / 450e9 * 1e12, costs.SecondsPerToken * 1e12, 9);
    }

    [Fact]
    public void A_tensor_group_across_nodes_is_never_faster_than_inside_one_at_equal_link_speeds()
    {
        var cases =
            from gbs in Gen.Choose(10, 1000)
            from latency in Gen.Choose(0, 20)
            from extra in Gen.Choose(0, 20)
            from tp in Gen.Elements(2, 4, 8)
            from tokens in Gen.Choose(1, 8192)
            select (gbs, latency, extra, tp, tokens);
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // One node of tp devices versus nodes of tp/2: the same bandwidth, latency at least as high.
            var inside = Node with { DevicesPerNode = c.tp, IntraNodeGBs = c.gbs, InterNodeGBs = c.gbs, IntraNodeLatencyUs = c.latency, InterNodeLatencyUs = c.latency + c.extra };
            var across = inside with { DevicesPerNode = c.tp / 2 };
            var deployment = Deployment.For(new ParallelPlan(c.tp, 1, 1));
            var work = new Workload(4, c.tokens, 16);
            var near = Evaluator.Evaluate(table, inside, work, RooflineMode.PerOperator, deployment);
            var far = Evaluator.Evaluate(table, across, work, RooflineMode.PerOperator, deployment);
            return far.TtftMs >= near.TtftMs && far.TpotMs >= near.TpotMs;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Tensor_parallel_divides_the_roofline_and_adds_the_collectives()
    {
        // The same model on one device and on 2: decode time halves, plus the all-reduces.
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var device = Node with { DispatchOverheadUs = 0, HalfEfficiencyTokens = 0 };
        var work = new Workload(1, 128, 2);
        var one = Evaluator.Evaluate(table, device, work);
        var two = Evaluator.Evaluate(table, device, work, RooflineMode.PerOperator, Deployment.For(new ParallelPlan(2, 1, 1)));

        // Llama-3-8B: 32 layers, hidden 4096 → 64 all-reduces of 8192 B per token over 2 devices:
        // per step 64 · (6 µs per call + 2·1·2 µs latency) = 64 · 10 µs = 640 µs; 64 · (1/2·2·8192 B / 450e9) per token.
        var collectives = 64 * (10e-6 + (8192 / 450e9));
        Assert.Equal((one.TpotMs / 2) + (collectives * 1e3), two.TpotMs, 6);
    }
}
