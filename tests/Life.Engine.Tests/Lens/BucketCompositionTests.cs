using Life.Engine.Lens;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Lens;

/// <summary>Exact compositions on hand-made profiles (numbers chosen so every sum is exact in binary).</summary>
public sealed class BucketCompositionTests
{
    [Theory]
    [InlineData(1, 10, 128)]
    [InlineData(128, 10, 128)]
    [InlineData(129, 20, 256)]
    [InlineData(256, 20, 256)]
    [InlineData(257, 40, 512)]
    [InlineData(512, 40, 512)]
    public void An_input_at_a_bucket_edge_is_padded_to_the_smallest_bucket_holding_it(int input, double ttft, int bucket)
    {
        var p = HandMadeProfiles.Shared().Predict(1, input, 1);

        Assert.Equal(ttft, p.TtftMs);
        Assert.Equal(ttft, p.E2eMs);
        Assert.Equal(bucket, p.PrefillBucket);
    }

    [Fact]
    public void With_one_output_token_TPOT_is_the_step_that_would_follow()
    {
        var profile = HandMadeProfiles.Shared();

        Assert.Equal(1, profile.Predict(1, 127, 1).TpotMs);
        Assert.Equal(2, profile.Predict(1, 128, 1).TpotMs);
        Assert.True(double.IsNaN(profile.Predict(1, 512, 1).TpotMs), "no decode bucket holds KV length 513");
    }

    [Fact]
    public void Output_crossing_every_decode_bucket_sums_the_steps_spent_in_each()
    {
        // Input 100, output 400: decode steps see KV lengths 101..499:
        // 28 steps in 128 (1 ms), 128 in 256 (2 ms), 243 in 512 (4 ms) = 28 + 256 + 972 = 1256 ms.
        var profile = HandMadeProfiles.Shared();

        var p = profile.Predict(1, 100, 400);

        Assert.Equal(10, p.TtftMs);
        Assert.Equal(1266, p.E2eMs);
        Assert.Equal(1256.0 / 399, p.TpotMs, 12);
        var spans = profile.DecodeSpans(1, 100, 400);
        Assert.Equal([(128, 28L), (256, 128L), (512, 243L)], spans.Select(s => (s.Bucket, s.Steps)));
        Assert.Equal(1256, spans.Sum(s => s.TotalMs));
    }

    [Fact]
    public void A_generation_that_ends_exactly_at_the_largest_bucket_is_allowed_and_one_more_token_is_not()
    {
        var profile = HandMadeProfiles.Shared();

        // Input 128, output 385: KV lengths 129..512: 128 steps × 2 ms + 256 × 4 ms.
        Assert.Equal(10 + 256 + 1024, profile.Predict(1, 128, 385).E2eMs);
        Assert.Equal(PredictionFailure.ContextBeyondBuckets, profile.TryPredict(1, 128, 386, out _));
        var e = Assert.Throws<EngineInputException>(() => profile.Predict(1, 128, 386));
        Assert.Contains("KV length 513, beyond the largest decode bucket 512", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_beyond_the_largest_bucket_is_an_error_not_an_extrapolation()
    {
        var profile = HandMadeProfiles.Shared();

        Assert.Equal(PredictionFailure.InputBeyondBuckets, profile.TryPredict(1, 513, 1, out _));
        var e = Assert.Throws<EngineInputException>(() => profile.Predict(1, 513, 1));
        Assert.Contains("input 513 is beyond the largest prefill bucket 512", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Separate_prefill_and_decode_lists_compose_each_phase_on_its_own_buckets()
    {
        var profile = HandMadeProfiles.Separate();

        // Input 300 → prefill 512 (60 ms); KV 301..700: 340 steps in 640 (3 ms), 60 in 1024 (5 ms).
        var p = profile.Predict(1, 300, 401);

        Assert.Equal(60, p.TtftMs);
        Assert.Equal(60 + (340 * 3) + (60 * 5), p.E2eMs);
        Assert.Equal(PredictionFailure.InputBeyondBuckets, profile.TryPredict(1, 600, 2, out _));
        Assert.Equal(PredictionFailure.ContextBeyondBuckets, profile.TryPredict(1, 500, 526, out _));
    }

    [Fact]
    public void A_batch_runs_in_the_smallest_compiled_batch_that_holds_it()
    {
        var profile = HandMadeProfiles.PerBatch();

        Assert.Equal(10 + (9 * 2), profile.Predict(1, 100, 10).E2eMs);
        Assert.Equal(30 + (9 * 6), profile.Predict(2, 100, 10).E2eMs);
        Assert.Equal(4, profile.Predict(4, 100, 10).CompiledBatch);
        Assert.Equal(PredictionFailure.BatchBeyondCompiled, profile.TryPredict(5, 100, 10, out _));
        var e = Assert.Throws<EngineInputException>(() => profile.Predict(5, 100, 10));
        Assert.Contains("batch 5 is beyond the largest compiled batch 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_batches_applies_to_any_batch()
    {
        var profile = new BucketProfile("any-batch", [new PrefillBucket(0, 64, 8)], [new DecodeBucket(0, 64, 1)]);

        Assert.Equal([0], profile.Batches.ToArray());
        Assert.Equal(8 + 3, profile.Predict(32, 10, 4).E2eMs);
    }

    [Theory]
    [InlineData(0, 10, 1, "batch = 0")]
    [InlineData(1, 0, 1, "input tokens = 0")]
    [InlineData(1, 10, 0, "output tokens = 0")]
    public void An_impossible_request_is_bad_input(int batch, int input, int output, string message)
    {
        var profile = HandMadeProfiles.Shared();

        Assert.Equal(PredictionFailure.InvalidWorkload, profile.TryPredict(batch, input, output, out _));
        Assert.Contains(message, Assert.Throws<EngineInputException>(() => profile.Predict(batch, input, output)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void As_engine_metrics_times_and_rates_are_filled_and_unknown_quantities_are_NaN()
    {
        var workload = new Workload(1, 100, 400);
        var hardware = new HardwareSpec { Id = "npu", DeviceClass = DeviceClass.Npu, PriceUsdPerHour = 3.6, PowerW = 100 };

        var m = HandMadeProfiles.Shared().Evaluate(workload, hardware);

        Assert.Equal(10, m.TtftMs);
        Assert.Equal(1256.0 / 399, m.TpotMs, 12);
        Assert.Equal(1266, m.E2eMs);
        Assert.Equal(1000 / m.TpotMs, m.PerUserTps, 9);
        Assert.Equal(500 / 1.266, m.ThroughputTps, 9);
        Assert.Equal(100 / 0.010, m.PrefillTps, 9);
        Assert.Equal(1 / (m.TpotMs / 1000), m.DecodeTps, 9);
        Assert.True(m.Fits);
        Assert.True(double.IsNaN(m.MemoryGB));
        Assert.True(double.IsNaN(m.KvCacheGiB));
        Assert.Equal(3.6 / (m.ThroughputTps * 3600) * 1e6, m.CostPerMTok, 9);
        Assert.Equal(400 / 1.266, m.OutputTps, 9);

        // $0.001 per second for 1.266 s, over 400 generated tokens: $3.165 per million.
        Assert.Equal(3.165, m.CostPerMOutputTokens, 9);

        // An NPU idles at 0.1 · 100 = 10 W; prefill (10 ms) at 100 W, decode (1256 ms) at
        // 10 + 0.3 · 90 = 37 W: 1 + 46.472 = 47.472 J.
        Assert.Equal(47.472 / 500, m.EnergyJPerToken, 12);
        Assert.Equal(47.472 / 400, m.EnergyJPerOutputToken, 12);
        Assert.True(double.IsNaN(HandMadeProfiles.Shared().Evaluate(workload).CostPerMTok));
    }
}
