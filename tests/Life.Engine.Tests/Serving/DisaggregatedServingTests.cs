using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class DisaggregatedServingTests
{
    private static readonly OperatorTable Llama8B = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
    private static readonly HardwareSpec H100 = Shipped.Catalog.ResolveHardware("h100-sxm");
    private static readonly StepCost Cost = new(Llama8B, H100, Deployment.Single);

    private static DisaggregatedPools Pools(int prefill, int decode, double transfer) =>
        new(prefill, Cost, decode, Cost, 1000, transfer, 1024, 128, SchedulerConfig.Default);

    [Fact]
    public void A_70b_prompt_of_1024_tokens_crosses_between_tp8_h100_pools_in_0_84_ms()
    {
        // Llama-3-70B: 80 layers × 8 KV heads × 128 × 2 (K and V) × 2 B = 327,680 B per token;
        // × 1024 = 335,544,320 B, split over 8 devices (one KV head each) = 41,943,040 B per device,
        // over DGX H100's 50 GB/s per GPU InfiniBand: 0.838861 ms, + 5 µs latency.
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-70b"), new Optimizations(), Shipped.Defaults);
        var perDevice = KvCapacity.SequenceBytesPerDevice(table, Deployment.For(new ParallelPlan(8, 1, 1)), 1024);
        Assert.Equal(41943040, perDevice);
        Assert.Equal((41943040 / 50e9) + 5e-6, DisaggregatedServing.TransferSeconds(perDevice, H100, H100), 12);
    }

    [Fact]
    public void At_a_vanishing_rate_ttft_is_the_prompt_alone_plus_the_transfer_and_tpot_one_sequences_decode_step()
    {
        var m = Pools(1, 1, 0.002).At(1e-6);

        // 1024 tokens fit one 2048-token step; decode at mean context 1024 + 64 with nobody else.
        var prefill = Cost.Seconds(0, 0, 1, 1024, 0);
        Assert.Equal((prefill + 0.002) * 1e3, m.TtftP50Ms, 1e-6 * m.TtftP50Ms);
        Assert.Equal(Cost.Seconds(1, 1088, 0, 0, 0) * 1e3, m.TpotP99Ms, 1e-4 * m.TpotP99Ms);
        Assert.Equal(m.TpotP50Ms, m.TpotP99Ms);
    }

    [Fact]
    public void At_half_load_on_the_prefill_pool_the_p99_ttft_is_the_prompt_times_1_plus_ln_50_plus_the_transfer()
    {
        // Two prefill replicas of service S at ρ = 0.5: qps = 2 × 0.5 / S. M/D/1 mean wait
        // ρS/(2(1 − ρ)) = S/2; the tail P(W > w) = ρ·e^(−ρw/W̄) puts the P99 at W̄/ρ·ln(ρ/0.01) = S·ln 50,
        // and the median at 0 (ρ is not above 1 − 0.5).
        var service = DisaggregatedServing.PrefillSeconds(Cost, 1024, 2048);
        var m = Pools(2, 8, 0.001).At(1 / service);

        Assert.False(m.Saturated);
        Assert.Equal(((service * (1 + Math.Log(50))) + 0.001) * 1e3, m.TtftP99Ms, 1e-9 * m.TtftP99Ms);
        Assert.Equal((service + 0.001) * 1e3, m.TtftP50Ms, 1e-9 * m.TtftP50Ms);
    }

    [Fact]
    public void A_prompt_longer_than_the_step_budget_is_prefilled_in_chunks_each_after_the_ones_before()
    {
        var expected = Cost.Seconds(0, 0, 1, 2048, 0) + Cost.Seconds(0, 0, 1, 2048, 2048) + Cost.Seconds(0, 0, 1, 904, 4096);
        Assert.Equal(expected, DisaggregatedServing.PrefillSeconds(Cost, 5000, 2048), 15);
    }

    [Fact]
    public void A_rate_past_either_pool_is_saturation_with_infinite_latencies_never_nan()
    {
        var service = DisaggregatedServing.PrefillSeconds(Cost, 1024, 2048);
        var prefillBound = Pools(1, 64, 0).At(1.01 / service);
        var decodeBound = Pools(64, 1, 0).At(1000);

        foreach (var m in new[] { prefillBound, decodeBound })
        {
            Assert.True(m.Saturated);
            Assert.True(double.IsPositiveInfinity(m.TtftP99Ms) && double.IsPositiveInfinity(m.TpotP99Ms));
        }
    }

    [Fact]
    public void More_qps_never_lowers_the_p99_ttft_or_tpot_of_a_disaggregated_deployment()
    {
        var pools = Pools(2, 4, 0.001);
        var previous = pools.At(0.1);
        for (var qps = 0.2; qps < 400; qps *= 1.3)
        {
            var m = pools.At(qps);
            Assert.True(m.TtftP99Ms >= previous.TtftP99Ms && m.TpotP99Ms >= previous.TpotP99Ms * (1 - 1e-9), $"{qps}");
            previous = m;
        }

        Assert.True(previous.Saturated);
    }

    [Fact]
    public void The_capacity_search_takes_a_disaggregated_deployment_and_what_it_finds_meets_the_slos()
    {
        var pools = Pools(1, 1, 0.001);
        var qps = CapacitySearch.MaxQps(pools, 1, 300, 30);
        var m = pools.At(qps);

        Assert.True(qps > 0);
        Assert.True(m.TtftP99Ms <= 300 && m.TpotP99Ms <= 30);
        var above = pools.At(qps * (1 + (2 * CapacitySearch.Tolerance)));
        Assert.True(above.Saturated || above.TtftP99Ms > 300 || above.TpotP99Ms > 30);
    }
}
