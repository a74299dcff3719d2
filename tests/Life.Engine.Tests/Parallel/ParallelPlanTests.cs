using Life.Engine.Catalog;
using Life.Engine.Parallel;

namespace Life.Engine.Tests.Parallel;

public sealed class ParallelPlanTests
{
    [Fact]
    public void Llama_3_70b_splits_over_8_but_not_over_3_devices()
    {
        // 64 heads, 8 KV heads, 80 layers.
        var model = Shipped.Catalog.ResolveModel("llama-3-70b");
        Assert.Equal(ParallelIssue.None, new ParallelPlan(8, 1, 1).Check(model));
        Assert.Equal(ParallelIssue.HeadsNotDivisible, new ParallelPlan(3, 1, 1).Check(model));
        Assert.Equal(ParallelIssue.None, new ParallelPlan(16, 1, 1).Check(model));
        Assert.Equal(ParallelIssue.TooFewLayers, new ParallelPlan(1, 81, 1).Check(model));
        Assert.Equal(ParallelIssue.ExpertsNotDivisible, new ParallelPlan(2, 1, 2).Check(model));
    }

    [Fact]
    public void Kv_heads_that_tp_neither_divides_nor_multiplies_are_rejected()
    {
        // 12 heads, 3 KV heads: tp 6 is a multiple of 3 (each KV head on two devices); tp 2 divides the heads but neither divides 3 nor is a multiple of it.
        var model = TinyModel.With("\"num_attention_heads\":12,\"num_key_value_heads\":3");
        Assert.Equal(ParallelIssue.None, new ParallelPlan(6, 1, 1).Check(model));
        Assert.Equal(ParallelIssue.KvHeadsNotDivisible, new ParallelPlan(2, 1, 1).Check(model));
        Assert.Contains("KV heads", new ParallelPlan(2, 1, 1).Describe(ParallelIssue.KvHeadsNotDivisible, model), StringComparison.Ordinal);
    }

    [Fact]
    public void Experts_must_divide_by_ep()
    {
        // Mixtral: 8 experts.
        var model = Shipped.Catalog.ResolveModel("mixtral-8x7b");
        Assert.Equal(ParallelIssue.None, new ParallelPlan(4, 1, 4).Check(model));
        Assert.Equal(ParallelIssue.ExpertsNotDivisible, new ParallelPlan(8, 1, 8).Check(model with { NumExperts = 12 }));
    }

    [Fact]
    public void Kv_heads_are_replicated_when_tp_exceeds_them()
    {
        var model = Shipped.Catalog.ResolveModel("llama-3-70b");
        Assert.Equal(2, new ParallelPlan(16, 1, 1).KvReplication(model));
        Assert.Equal(1, new ParallelPlan(8, 1, 1).KvReplication(model));
    }
}
