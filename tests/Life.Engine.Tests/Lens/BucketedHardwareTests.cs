using Life.Engine.Catalog;
using Life.Engine.Lens;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Lens;

/// <summary>A hardware file of kind "bucketed" makes the engine time requests from a LENS profile, not a roofline.</summary>
public sealed class BucketedHardwareTests
{
    /// <summary>P = 10, 20, 40 ms and D = 1, 2, 4 ms per step for buckets 128, 256, 512.</summary>
    private const string Profile = """
        {
          "format": "lens-profile/1",
          "device": "hand-npu",
          "prefill_buckets": [
            { "batch": 1, "length": 128, "prefill_ms": 10 },
            { "batch": 1, "length": 256, "prefill_ms": 20 },
            { "batch": 1, "length": 512, "prefill_ms": 40 }
          ],
          "decode_buckets": [
            { "batch": 1, "length": 128, "step_ms": 1 },
            { "batch": 1, "length": 256, "step_ms": 2 },
            { "batch": 1, "length": 512, "step_ms": 4 }
          ]
        }
        """;

    [Fact]
    public void A_bucketed_device_needs_no_peaks_and_gets_its_profile_file_from_the_host_reader_as_written()
    {
        var asked = new List<string>();
        var spec = HardwareJson.Parse(
            """{ "id": "my-npu", "device_class": "npu", "kind": "bucketed", "profile": "profiles/p.json", "power_w": 50, "memory_gb": 64 }""",
            "npu.json",
            Shipped.Defaults,
            path =>
            {
                asked.Add(path);
                return BucketProfileJson.Parse(Profile, path);
            });

        Assert.Equal(["profiles/p.json"], asked);
        Assert.True(spec.IsBucketed);
        Assert.Equal("hand-npu", spec.Buckets!.Device);
        Assert.Equal(0, spec.Fp16Tflops);
        Assert.Equal(50, spec.PowerW);
    }

    [Fact]
    public void The_engine_times_a_bucketed_device_from_its_buckets_and_sizes_memory_from_the_model()
    {
        var npu = Inline("""{ "id": "npu", "kind": "bucketed", "profile": PROFILE, "power_w": 50, "idle_power_w": 5, "memory_gb": 64 }""");
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-2-7b"), new Optimizations(), Shipped.Defaults);
        var workload = new Workload(1, 100, 400);

        var m = Evaluator.Evaluate(table, npu, workload);
        var roofline = Evaluator.Evaluate(table, Shipped.Catalog.ResolveHardware("h100-sxm"), workload);

        // TTFT = P(128) = 10; steps see contexts 101..499: 28 in bucket 128, 128 in 256, 243 in 512.
        var decode = (28 * 1.0) + (128 * 2.0) + (243 * 4.0);
        Assert.Equal(10, m.TtftMs);
        Assert.Equal(decode / 399, m.TpotMs, 12);
        Assert.Equal(10 + decode, m.E2eMs, 9);
        Assert.Equal(500 / ((10 + decode) / 1e3), m.ThroughputTps, 9);

        // Prefill (10 ms) at 50 W, decode (1256 ms) at 5 + 0.3 · (50 − 5) = 18.5 W:
        // 0.5 + 23.236 = 23.736 J over 500 tokens, 400 of them generated.
        Assert.Equal(23.736 / 500, m.EnergyJPerToken, 12);
        Assert.Equal(23.736 / 400, m.EnergyJPerOutputToken, 12);
        Assert.True(m.Fits);
        Assert.Equal(roofline.MemoryGB, m.MemoryGB, 12);
        Assert.Equal(roofline.KvCacheGiB, m.KvCacheGiB, 12);
        Assert.True(double.IsNaN(m.PrefillOps));
        Assert.True(double.IsNaN(m.CostPerMTok));
    }

    [Theory]
    [InlineData(1, 513, 1)]
    [InlineData(1, 500, 14)]
    [InlineData(2, 100, 10)]
    public void A_request_past_the_profile_does_not_fit_and_has_no_times(int batch, int input, int output)
    {
        var npu = Inline("""{ "id": "npu", "kind": "bucketed", "profile": PROFILE, "memory_gb": 64 }""");
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-2-7b"), new Optimizations(), Shipped.Defaults);

        var m = Evaluator.Evaluate(table, npu, new Workload(batch, input, output));

        Assert.False(m.Fits);
        Assert.True(double.IsNaN(m.TtftMs));
        Assert.True(double.IsNaN(m.ThroughputTps));
        Assert.True(m.MemoryGB > 0);
    }

    [Fact]
    public void A_stated_memory_capacity_still_limits_what_fits()
    {
        var npu = Inline("""{ "id": "npu", "kind": "bucketed", "profile": PROFILE, "memory_gb": 8 }""");
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-2-13b"), new Optimizations(), Shipped.Defaults);

        Assert.False(Evaluator.Evaluate(table, npu, new Workload(1, 100, 10)).Fits);
    }

    [Theory]
    [InlineData("""{ "id": "npu", "kind": "systolic" }""", "kind 'systolic' is not one of roofline, bucketed")]
    [InlineData("""{ "id": "npu", "kind": "bucketed" }""", "a bucketed device needs a 'profile'")]
    [InlineData("""{ "id": "npu", "kind": "bucketed", "profile": "nowhere.json" }""", "nowhere.json")]
    [InlineData("""{ "id": "npu", "kind": "bucketed", "profile": {"format": "lens-profile/1", "device": "d", "prefill_buckets": [{"length": 128, "prefill_ms": 1}], "decode_buckets": [{"length": 128, "step_ms": 1}]} }""", "needs memory_gb")]
    public void A_bad_bucketed_device_is_refused_with_the_reason(string json, string message)
    {
        var e = Assert.Throws<EngineInputException>(() => HardwareJson.Parse(json, "npu.json", Shipped.Defaults));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_that_names_no_model_times_no_model()
    {
        var npu = HardwareJson.Parse($$"""{ "id": "npu", "kind": "bucketed", "profile": {{Profile}}, "memory_gb": 64 }""", "npu", Shipped.Defaults);

        // Its latencies belong to whichever model it was measured with: unnamed, it cannot vouch for any.
        Assert.Contains("profile names no model", BucketedModelCheck.Mismatch(npu, Shipped.Catalog.ResolveModel("llama-2-7b"), Shipped.Catalog), StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_compiled_for_one_model_does_not_time_another()
    {
        var profile = Profile.Replace("\"device\": \"hand-npu\",", "\"device\": \"hand-npu\", \"model\": \"meta-llama/Llama-2-7b\",", StringComparison.Ordinal);
        var npu = HardwareJson.Parse($$"""{ "id": "npu", "kind": "bucketed", "profile": {{profile}}, "memory_gb": 64 }""", "npu", Shipped.Defaults);

        Assert.Null(BucketedModelCheck.Mismatch(npu, Shipped.Catalog.ResolveModel("llama-2-7b"), Shipped.Catalog));
        Assert.Contains("profiled for model 'meta-llama/Llama-2-7b', not 'mistral-7b'", BucketedModelCheck.Mismatch(npu, Shipped.Catalog.ResolveModel("mistral-7b"), Shipped.Catalog), StringComparison.Ordinal);
        Assert.Null(BucketedModelCheck.Mismatch(Shipped.Catalog.ResolveHardware("h100-sxm"), Shipped.Catalog.ResolveModel("mistral-7b"), Shipped.Catalog));
    }

    private HardwareSpec Inline(string json) => HardwareJson.Parse(json.Replace("PROFILE", Profile, StringComparison.Ordinal), "npu", Shipped.Defaults);
}
