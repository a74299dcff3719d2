using FsCheck;
using FsCheck.Fluent;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class ServingPropertyTests
{
    private static readonly StepCost Cost = new(
        OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults), Shipped.Catalog.ResolveHardware("h100-sxm"), Deployment.Single);

    private static Gen<(double Qps, int Input, int Output, double More)> Cases =>
        from qps in Gen.Choose(1, 2000)
        from input in Gen.Choose(16, 4096)
        from output in Gen.Choose(1, 1024)
        from more in Gen.Choose(1, 1000)
        select (qps / 10.0, input, output, more / 100.0);

    [Fact]
    public void More_requests_per_second_never_lower_p99_ttft()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var slower = SteadyStateServing.Evaluate(Cost, new ServingWorkload(c.Qps, c.Input, c.Output), SchedulerConfig.Default, 500);
            var faster = SteadyStateServing.Evaluate(Cost, new ServingWorkload(c.Qps * (1 + c.More), c.Input, c.Output), SchedulerConfig.Default, 500);
            return faster.TtftP99Ms >= slower.TtftP99Ms * (1 - 1e-9) && (!slower.Saturated || faster.Saturated);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void With_speculative_decoding_more_requests_per_second_still_never_lower_p99_ttft_or_tpot()
    {
        var speculative = new StepCost(
            OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults), Shipped.Catalog.ResolveHardware("h100-sxm"), Deployment.Single,
            new SpeculativeDecoding(4, 0.75, 0.05));
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var slower = SteadyStateServing.Evaluate(speculative, new ServingWorkload(c.Qps, c.Input, c.Output), SchedulerConfig.Default, 500);
            var faster = SteadyStateServing.Evaluate(speculative, new ServingWorkload(c.Qps * (1 + c.More), c.Input, c.Output), SchedulerConfig.Default, 500);
            return faster.TtftP99Ms >= slower.TtftP99Ms * (1 - 1e-9) && faster.TpotP99Ms >= slower.TpotP99Ms * (1 - 1e-9) && (!slower.Saturated || faster.Saturated);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void With_disaggregated_pools_more_requests_per_second_never_lower_p99_and_more_decode_replicas_never_raise_it()
    {
        Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (c, replicas) =>
        {
            DisaggregatedPools Pools(int decode) => new(replicas, Cost, decode, Cost, 500, 0.001, c.Input, c.Output, SchedulerConfig.Default);
            var slower = Pools(replicas).At(c.Qps);
            var faster = Pools(replicas).At(c.Qps * (1 + c.More));
            var wider = Pools(replicas + 1).At(c.Qps);
            return faster.TtftP99Ms >= slower.TtftP99Ms * (1 - 1e-9) && faster.TpotP99Ms >= slower.TpotP99Ms * (1 - 1e-9)
                && wider.TpotP99Ms <= slower.TpotP99Ms * (1 + 1e-9) && (!slower.Saturated || faster.Saturated);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void With_the_decode_pool_binding_more_decode_replicas_never_lower_max_qps_at_slo()
    {
        // 64 prefill replicas and no TTFT limit: the TPOT bound on the decode pool decides, unless the
        // prefill pool saturates first (long prompts, a loose TPOT). Decode-bound (the rate well below
        // the prefill pool's 64 / S), each decode replica sees qps / y, so the rate scales by
        // (y + 1) / y ≥ 1 + 1/8, far past the search's 0.1% tolerance; prefill-bound, both searches
        // find the same limit, each within that tolerance of it.
        var gen = from input in Gen.Choose(16, 4096)
                  from output in Gen.Choose(2, 1024)
                  from decode in Gen.Choose(1, 8)
                  from tpot in Gen.Choose(5, 200)
                  select (input, output, decode, tpot);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            double MaxQps(int y)
            {
                var pools = new DisaggregatedPools(64, Cost, y, Cost, 500, 0.001, c.input, c.output, SchedulerConfig.Default);
                return CapacitySearch.MaxQps(pools, CapacitySearch.OneAtATime(Cost, c.input, c.output) * y, double.PositiveInfinity, c.tpot);
            }

            var fewer = MaxQps(c.decode);
            var more = MaxQps(c.decode + 1);
            var prefillLimit = 64 / DisaggregatedServing.PrefillSeconds(Cost, c.input, SchedulerConfig.Default.MaxNumBatchedTokens);
            var decodeBound = fewer < 0.9 * prefillLimit;
            return (decodeBound ? more >= fewer : more >= fewer * (1 - (2 * CapacitySearch.Tolerance))).Label(decodeBound ? "decode-bound" : "prefill-bound");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void More_replicas_at_a_fixed_rate_never_raise_p99()
    {
        Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (c, replicas) =>
        {
            // Requests spread evenly over the replicas: each serves qps / replicas.
            var fewer = SteadyStateServing.Evaluate(Cost, new ServingWorkload(c.Qps / replicas, c.Input, c.Output), SchedulerConfig.Default, 500);
            var more = SteadyStateServing.Evaluate(Cost, new ServingWorkload(c.Qps / (replicas + 1), c.Input, c.Output), SchedulerConfig.Default, 500);
            return more.TtftP99Ms <= fewer.TtftP99Ms * (1 + 1e-9) && more.E2eP99Ms <= fewer.E2eP99Ms * (1 + 1e-9);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Answers_are_finite_or_flagged_saturated_never_nan_or_negative()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var m = SteadyStateServing.Evaluate(Cost, new ServingWorkload(c.Qps * c.More * 10, c.Input, c.Output), SchedulerConfig.Default, 500);
            var values = new[] { m.TtftP50Ms, m.TtftP99Ms, m.TpotP50Ms, m.E2eP99Ms, m.StepMs };
            return values.All(v => !double.IsNaN(v) && v >= 0) && (m.Saturated || values.All(double.IsFinite));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_simulator_flags_a_rate_far_past_capacity_as_saturated()
    {
        var m = ServingSimulator.Run(Cost, new ServingWorkload(2000, 1024, 256), SchedulerConfig.Default, 500, 2000, seed: 3);
        Assert.True(m.Saturated);
        Assert.True(SteadyStateServing.Evaluate(Cost, new ServingWorkload(2000, 1024, 256), SchedulerConfig.Default, 500).Saturated);
    }

    [Fact]
    public void A_lone_request_takes_its_prefill_step_then_one_decode_step_per_token()
    {
        // One request, nothing else: TTFT is the step of its 512-token prefill; each later token one
        // decode step of batch 1 (context 512..639, mean within a few percent of one at 576).
        var m = ServingSimulator.Run(Cost, new ServingWorkload(0.001, 512, 128), SchedulerConfig.Default, 500, 1, seed: 1);
        var prefill = Cost.Seconds(0, 0, 1, 512, 0) * 1e3;
        var decode = Cost.Seconds(1, 576, 0, 0, 0) * 1e3;
        Assert.Equal(prefill, m.TtftP50Ms, 9);
        Assert.Equal(decode, m.TpotP50Ms, 2);
    }
}
