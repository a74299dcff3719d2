using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class SpeculativeServingTests
{
    private static readonly OperatorTable Table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
    private static readonly HardwareSpec H100 = Shipped.Catalog.ResolveHardware("h100-sxm");

    private static StepCost Cost(in SpeculativeDecoding speculative) => new(Table, H100, Deployment.Single, speculative);

    [Fact]
    public void A_speculative_decode_step_is_k_draft_shares_of_a_plain_step_plus_a_pass_verifying_k_plus_1_tokens_each()
    {
        var plain = Cost(default);
        var speculative = Cost(new SpeculativeDecoding(3, 0.8, 0.1));

        // 16 sequences at context 1000: 3 × 0.1 × D(16) for the drafts, then the target's pass over
        // 16 × 4 tokens attending after their 1000 cached ones (a prefill chunk of 4 per sequence).
        var expected = (3 * 0.1 * plain.Seconds(16, 1000, 0, 0, 0)) + plain.VerifySeconds(16, 64, 1000);
        Assert.Equal(expected, speculative.Seconds(16, 1000, 0, 0, 0), 12);
        Assert.Equal(4, speculative.BudgetTokensPerDecode);

        // (1 − 0.8⁴)/(1 − 0.8) = (1 − 0.4096)/0.2 = 2.952 tokens per step.
        Assert.Equal(2.952, speculative.TokensPerStep, 12);
    }

    [Fact]
    public void At_a_vanishing_rate_the_steady_state_tpot_is_one_requests_speculative_step_over_its_expected_tokens()
    {
        var speculative = new SpeculativeDecoding(3, 0.8, 0.1);
        var plain = Cost(default);
        var cost = Cost(speculative);

        // A lone request (512 in, 128 out) decodes at mean context 512 + 64 = 576:
        // TPOT = (0.3·D(1) + V(1 × 4 tokens after 576)) / 2.952.
        var step = (0.3 * plain.Seconds(1, 576, 0, 0, 0)) + plain.VerifySeconds(1, 4, 576);
        var m = SteadyStateServing.Evaluate(cost, new ServingWorkload(1e-6, 512, 128), SchedulerConfig.Default, 1000);

        Assert.False(m.Saturated);
        Assert.Equal(step / 2.952 * 1e3, m.TpotP50Ms, 1e-3 * m.TpotP50Ms);
        Assert.True(m.TpotP50Ms < SteadyStateServing.Evaluate(plain, new ServingWorkload(1e-6, 512, 128), SchedulerConfig.Default, 1000).TpotP50Ms);
    }

    [Fact]
    public void With_every_proposal_accepted_a_lone_request_in_the_simulator_gains_k_plus_1_tokens_per_step()
    {
        var speculative = new SpeculativeDecoding(3, 1.0, 0.1);
        var plain = Cost(default);

        // 129 tokens out: the prefill gives the first, then 128 = 32 steps × 4. Requests 1000 s apart
        // never overlap, so TPOT = 32 steps / 128 tokens, each step at its own context (576 ± 64).
        var m = ServingSimulator.Run(Cost(speculative), new ServingWorkload(0.001, 512, 129), SchedulerConfig.Default, 1000, 20, seed: 3);
        double steps = 0;
        for (var i = 0; i < 32; i++)
        {
            var context = 512 + 1 + (4 * i);
            steps += (0.3 * plain.Seconds(1, context, 0, 0, 0)) + plain.VerifySeconds(1, 4, context);
        }

        Assert.Equal(steps / 128 * 1e3, m.TpotP50Ms, 1e-9);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.9)]
    public void The_steady_state_model_is_within_10_percent_of_the_simulator_on_speculative_medians(double alpha)
    {
        var cost = Cost(new SpeculativeDecoding(4, alpha, 0.05));
        var workload = new ServingWorkload(5, 512, 256);
        var fast = SteadyStateServing.Evaluate(cost, workload, SchedulerConfig.Default, 1000);
        var simulated = ServingSimulator.Run(cost, workload, SchedulerConfig.Default, 1000, 4000, seed: 1);

        Assert.False(simulated.Saturated);
        Assert.InRange(fast.TpotP50Ms / simulated.TpotP50Ms, 0.9, 1.1);
        Assert.InRange(fast.TtftP50Ms / simulated.TtftP50Ms, 0.9, 1.1);
        Assert.InRange(fast.E2eP50Ms / simulated.E2eP50Ms, 0.9, 1.1);
    }
}
