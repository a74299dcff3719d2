using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>The profile file: a lossless round trip, and bad profiles rejected with a message naming the bucket.</summary>
public sealed class BucketProfileJsonTests
{
    private const string Valid = """
        {
          "format": "lens-profile/1",
          "device": "hand-npu",
          "prefill_buckets": [ { "batch": 1, "length": 128, "prefill_ms": 10 }, { "batch": 1, "length": 256, "prefill_ms": 20 } ],
          "decode_buckets": [ { "batch": 1, "length": 128, "step_ms": 1 }, { "batch": 1, "length": 256, "step_ms": 2 } ]
        }
        """;

    [Fact]
    public void A_calibrated_profile_survives_a_round_trip_with_its_measurements()
    {
        var npu = new SyntheticNpu([128, 256, 512], noise: 0.01, seed: 1);
        var profile = BucketCalibrator.Calibrate(npu.CalibrationRuns(1, 2), BucketLists.Shared([128, 256, 512]), "npu-x", "runs.csv", "llama-3-8b");

        var json = BucketProfileJson.ToJson(profile);
        var back = BucketProfileJson.Parse(json, "p.json");

        Assert.Equal("npu-x", back.Device);
        Assert.Equal("llama-3-8b", back.Model);
        Assert.Equal(profile.PrefillBuckets.ToArray(), back.PrefillBuckets.ToArray());
        Assert.Equal(profile.DecodeBuckets.ToArray(), back.DecodeBuckets.ToArray());
        Assert.Equal(profile.Measurements.ToArray(), back.Measurements.ToArray());
        Assert.Equal(json, BucketProfileJson.ToJson(back));
        Assert.Equal(profile.Predict(2, 300, 100).E2eMs, back.Predict(2, 300, 100).E2eMs);
    }

    [Fact]
    public void A_hand_written_profile_without_batches_or_measurements_is_read()
    {
        var profile = BucketProfileJson.Parse(Valid.Replace("\"batch\": 1, ", string.Empty, StringComparison.Ordinal), "hand.json");

        Assert.Equal([0], profile.Batches.ToArray());
        Assert.Empty(profile.Measurements);
        Assert.Equal(20 + 2 + 2, profile.Predict(8, 200, 3).E2eMs);
    }

    [Theory]
    [InlineData("\"prefill_ms\": 20", "\"prefill_ms\": -20", "profile 'bad.json': prefill bucket 256 (batch 1): prefill_ms = -20 must be positive and finite")]
    [InlineData("\"step_ms\": 2", "\"step_ms\": 0", "profile 'bad.json': decode bucket 256 (batch 1): step_ms = 0 must be positive and finite")]
    [InlineData("\"length\": 256, \"step_ms\"", "\"length\": 128, \"step_ms\"", "profile 'bad.json': decode bucket 128 (batch 1) appears twice")]
    [InlineData("\"length\": 256, \"prefill_ms\"", "\"length\": 0, \"prefill_ms\"", "profile 'bad.json': prefill bucket 0 (batch 1): length must be at least 1")]
    [InlineData(", \"prefill_ms\": 20", "", "profile 'bad.json': prefill bucket 256 (batch 1): field 'prefill_ms' is missing")]
    [InlineData("\"step_ms\": 2", "\"step_ms\": \"fast\"", "profile 'bad.json': decode bucket 256 (batch 1): field 'step_ms' is not a number (got \"fast\")")]
    [InlineData("{ \"batch\": 1, \"length\": 128, \"step_ms\"", "{ \"length\": 128, \"step_ms\"", "profile 'bad.json': give a batch on every bucket or on none")]
    [InlineData("{ \"batch\": 1, \"length\": 256, \"step_ms\"", "{ \"batch\": 2, \"length\": 256, \"step_ms\"", "profile 'bad.json': batch 2 has decode buckets but no prefill buckets")]
    [InlineData("\"decode_buckets\"", "\"decode\"", "profile 'bad.json': field 'decode_buckets' is missing")]
    [InlineData("lens-profile/1", "lens-profile/9", "profile 'bad.json': format 'lens-profile/9' is not lens-profile/1")]
    [InlineData("\"length\": 128, \"prefill_ms\"", "\"length\": 1.5, \"prefill_ms\"", "profile 'bad.json': prefill_buckets[0]: field 'length' is not an integer (got 1.5)")]
    public void A_bad_profile_is_rejected_naming_the_bucket(string find, string replace, string message)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        var e = Assert.Throws<EngineInputException>(() => BucketProfileJson.Parse(json, "bad.json"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Malformed_JSON_and_impossible_measurements_are_rejected_naming_the_file()
    {
        var truncated = Assert.Throws<EngineInputException>(() => BucketProfileJson.Parse(Valid[..40], "cut.json"));
        var measurement = Assert.Throws<EngineInputException>(() => BucketProfileJson.Parse(
            Valid.Replace("\n}", ", \"measurements\": [ { \"batch\": 1, \"input_tokens\": 10, \"output_tokens\": 1, \"e2e_ms\": -3 } ]\n}", StringComparison.Ordinal), "m.json"));

        Assert.StartsWith("profile 'cut.json': not valid JSON", truncated.Message, StringComparison.Ordinal);
        Assert.StartsWith("profile 'm.json': measurement (batch 1, input 10, output 1, e2e_ms -3) is impossible", measurement.Message, StringComparison.Ordinal);
    }
}
