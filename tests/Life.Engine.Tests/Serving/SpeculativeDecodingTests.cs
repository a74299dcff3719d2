using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Serving;

public sealed class SpeculativeDecodingTests
{
    [Fact]
    public void Four_proposals_accepted_with_probability_0_8_yield_3_36_tokens_per_step()
    {
        // (1 − 0.8^5) / (1 − 0.8) = (1 − 0.32768) / 0.2 = 3.3616.
        Assert.Equal(3.3616, new SpeculativeDecoding(4, 0.8, 0).ExpectedTokensPerStep, 12);
    }

    [Fact]
    public void Certain_acceptance_yields_all_proposals_plus_one_and_none_yields_one()
    {
        Assert.Equal(6, new SpeculativeDecoding(5, 1, 0).ExpectedTokensPerStep);
        Assert.Equal(1, new SpeculativeDecoding(5, 0, 0).ExpectedTokensPerStep, 12);
    }

    [Fact]
    public void The_tpot_factor_charges_drafts_and_the_verification_pass()
    {
        // k = 3, α = 0.6: E = (1 − 0.6^4)/0.4 = 2.176; drafts 3 × 0.1 = 0.3 steps, verification 1.2 steps:
        // (0.3 + 1.2) / 2.176 = 0.68934.
        Assert.Equal(1.5 / 2.176, new SpeculativeDecoding(3, 0.6, 0.1).TpotFactor(1.2), 12);
    }

    [Fact]
    public void Speculation_speeds_up_memory_bound_decode_and_leaves_ttft_alone()
    {
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var hardware = Shipped.Catalog.ResolveHardware("h100-sxm");
        var work = new Workload(1, 512, 256);
        var plain = Evaluator.Evaluate(table, hardware, work);
        var cost = new StepCost(table, hardware, Deployment.Single);
        var fast = SpeculativeMetrics.Apply(plain, cost, new SpeculativeDecoding(4, 0.8, 0.05), 1, 512, 256);

        // At batch 1 verifying 5 tokens costs about one step (weights dominate): TPOT ≈ (0.2 + ~1) / 3.36.
        Assert.Equal(plain.TtftMs, fast.TtftMs);
        Assert.InRange(fast.TpotMs / plain.TpotMs, 0.2 / 3.3616 + (1 / 3.3616), 0.2 / 3.3616 + (1.3 / 3.3616));
    }
}
