using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>Calibration from runs: exact on noiseless data, and every inconsistency rejected naming file, line and bucket.</summary>
public sealed class BucketCalibratorTests
{
    private static readonly BucketLists Shared = BucketLists.Shared([128, 256, 512]);

    /// <summary>Two runs per bucket on <see cref="HandMadeProfiles.Shared"/>'s device (P = 10, 20, 40; D = 1, 2, 4).</summary>
    private static readonly string[] Good =
    [
        "batch,input_tokens,output_tokens,e2e_ms",
        "1,32,1,10",
        "1,32,65,74",
        "1,160,1,20",
        "1,160,65,148",
        "1,300,1,40",
        "1,300,101,440",
    ];

    [Fact]
    public void Two_noiseless_runs_per_bucket_give_back_the_exact_P_and_D()
    {
        var profile = Calibrate(Good);

        Assert.Equal([10.0, 20, 40], profile.PrefillBuckets.Select(b => b.PrefillMs));
        Assert.Equal([1.0, 2, 4], profile.DecodeBuckets.Select(b => b.StepMs));
        Assert.Equal([128, 256, 512], profile.DecodeBuckets.Select(b => b.Length));
        Assert.All(profile.PrefillBuckets, b => Assert.Equal(1, b.Runs));
        Assert.Equal(6, profile.Measurements.Length);
        Assert.Equal(HandMadeProfiles.Shared().Predict(1, 100, 400).E2eMs, profile.Predict(1, 100, 400).E2eMs);
    }

    [Fact]
    public void Repeated_runs_are_pooled()
    {
        var profile = Calibrate([.. Good, "1,40,1,12", "1,40,33,44"]);

        // P(128) = mean(10, 12) = 11; D(128) = (64 + (44 − 11)) / (64 + 32) steps.
        Assert.Equal(11, profile.PrefillBuckets[0].PrefillMs);
        Assert.Equal((74 - 11 + (44 - 11)) / 96.0, profile.DecodeBuckets[0].StepMs, 12);
        Assert.Equal(2, profile.DecodeBuckets[0].Runs);
    }

    [Fact]
    public void Separate_lists_solve_decode_buckets_upwards_through_runs_that_cross_into_them()
    {
        // HandMadeProfiles.Separate(): prefill 256, 512 (P = 30, 60); decode 640, 1024 (D = 3, 5). No input
        // fits below 641, so decode bucket 1024 is reached only by a run crossing from 640:
        // input 400, output 401: KV 401..800 = 240 steps × 3 + 160 × 5 = 1520, plus P = 60.
        var profile = Calibrate(
            BucketLists.Separate([256, 512], [640, 1024]),
            "batch,input_tokens,output_tokens,e2e_ms",
            "1,100,1,30",
            "1,400,1,60",
            "1,100,201,630",
            "1,400,401,1580");

        Assert.Equal([30.0, 60], profile.PrefillBuckets.Select(b => b.PrefillMs));
        Assert.Equal([3.0, 5], profile.DecodeBuckets.Select(b => b.StepMs));
    }

    [Theory]
    [InlineData("buckets.csv: bucket 256 (batch 1): only one run (line 4: input 160, output 1)", 5)]
    [InlineData("buckets.csv: bucket 128 (batch 1): only one run (line 2: input 32, output 65)", 2)]
    public void A_bucket_with_one_run_is_rejected_naming_the_bucket(string message, int dropLine)
    {
        var e = Rejected(Shared, [.. Good.Where((_, i) => i + 1 != dropLine)]);

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_with_runs_of_only_one_kind_is_rejected_naming_the_bucket()
    {
        var e = Rejected(Shared, [.. Good.Where((_, i) => i + 1 != 6), "1,300,50,240"]);

        Assert.StartsWith("buckets.csv: bucket 512 (batch 1): 2 runs but none with output 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_without_runs_is_rejected_naming_it()
    {
        var e = Rejected(BucketLists.Shared([128, 256, 512, 1024]), Good);

        Assert.StartsWith("buckets.csv: bucket 1024 (batch 1): no runs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_decode_leaves_its_bucket_is_rejected_naming_line_and_bucket()
    {
        var e = Rejected(Shared, [.. Good, "1,250,20,100"]);

        Assert.StartsWith("buckets.csv line 8: bucket 256 (batch 1): the run at input 250 with output 20 decodes up to KV length 269, leaving the bucket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_at_the_top_edge_of_a_bucket_cannot_decode_inside_it()
    {
        var e = Rejected(Shared, [.. Good, "1,128,2,12"]);

        Assert.StartsWith("buckets.csv line 8: bucket 128 (batch 1): the run at input 128 with output 2 decodes up to KV length 129", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_derived_step_time_is_rejected_naming_line_and_bucket()
    {
        var rows = Good.ToArray();
        rows[4] = "1,160,65,15";

        var e = Rejected(Shared, rows);

        Assert.StartsWith("buckets.csv line 5: bucket 256 (batch 1): derived decode step time -0.0781 ms is not positive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_outside_every_bucket_is_rejected_naming_the_largest()
    {
        var e = Rejected(Shared, [.. Good, "1,600,1,50"]);

        Assert.Equal("buckets.csv line 8: input 600 is outside every bucket (the largest is 512)", e.Message);
    }

    [Fact]
    public void A_bucket_column_that_disagrees_with_the_input_is_rejected()
    {
        var e = Rejected(Shared, "batch,input_tokens,output_tokens,e2e_ms,bucket", "1,300,1,40,256");

        Assert.Equal("buckets.csv line 2: bucket column says 256 but input 300 is padded to bucket 512", e.Message);
    }

    [Fact]
    public void With_separate_lists_missing_runs_name_the_phase_and_bucket()
    {
        var lists = BucketLists.Separate([256, 512], [640, 1024]);
        const string Header = "batch,input_tokens,output_tokens,e2e_ms";

        var noP = Rejected(lists, Header, "1,100,1,30", "1,100,201,630", "1,400,401,1580");
        var noD = Rejected(lists, Header, "1,100,1,30", "1,400,1,60", "1,100,201,630");
        var beyond = Rejected(lists, Header, "1,500,600,4000");
        var negative = Rejected(lists, Header, "1,100,1,30", "1,400,1,60", "1,100,201,630", "1,400,401,700");

        Assert.StartsWith("buckets.csv: prefill bucket 512 (batch 1): no run with output 1", noP.Message, StringComparison.Ordinal);
        Assert.StartsWith("buckets.csv: decode bucket 1024 (batch 1): no run with output > 1 ends its decode inside it", noD.Message, StringComparison.Ordinal);
        Assert.Equal("buckets.csv line 2: decode bucket 1024 (batch 1): the run at input 500 with output 600 decodes up to KV length 1099, outside every decode bucket", beyond.Message);
        Assert.StartsWith("buckets.csv line 5: decode bucket 1024 (batch 1): derived decode step time -0.5 ms is not positive", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_compiled_batch_needs_every_bucket()
    {
        var e = Rejected(Shared, [.. Good, "4,32,1,30", "4,32,65,222"]);

        Assert.StartsWith("buckets.csv: bucket 256 (batch 4): no runs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("128,64", null, null, "--buckets: bucket 64 follows 128; buckets must increase")]
    [InlineData("128,12x", null, null, "--buckets: bucket '12x' is not an integer")]
    [InlineData("0,128", null, null, "--buckets: bucket 0 must be at least 1")]
    [InlineData("128", "128", "256", "give --buckets, or --prefill-buckets with --decode-buckets, not both")]
    [InlineData(null, "128", null, "--prefill-buckets and --decode-buckets go together")]
    [InlineData(null, null, null, "no bucket list: give --buckets")]
    [InlineData(null, "256,128", "512", "--prefill-buckets: bucket 128 follows 256")]
    public void Bad_bucket_lists_are_rejected_naming_the_bucket(string? shared, string? prefill, string? decode, string message)
    {
        var e = Assert.Throws<EngineInputException>(() => BucketLists.Parse(shared, prefill, decode, []));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_list_the_bucket_column_gives_the_buckets()
    {
        var rows = BucketCsv.Parse("batch,input_tokens,output_tokens,e2e_ms,bucket\n1,32,1,10,128\n1,160,1,20,256\n1,32,65,74,128\n", "b.csv").Rows;

        var lists = BucketLists.Parse(null, null, null, rows);

        Assert.True(lists.IsShared);
        Assert.Equal([128, 256], lists.Prefill.ToArray());
    }

    private static BucketProfile Calibrate(params string[] lines) => Calibrate(Shared, lines);

    private static BucketProfile Calibrate(BucketLists lists, params string[] lines) =>
        BucketCalibrator.Calibrate(BucketCsv.Parse(string.Join('\n', lines), "buckets.csv").Rows, lists, "test-npu", "buckets.csv");

    private static EngineInputException Rejected(BucketLists lists, params string[] lines) =>
        Assert.Throws<EngineInputException>(() => Calibrate(lists, lines));
}
