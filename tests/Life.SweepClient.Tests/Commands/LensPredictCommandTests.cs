using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

public sealed class LensPredictCommandTests
{
    [Fact]
    public async Task Json_output_has_ttft_tpot_e2e_and_the_decode_buckets_crossed()
    {
        using var files = new LensFiles();
        var profile = files.Write("p.json", LensFiles.HandProfile);

        var run = await CliRun.Of("lens", "predict", "--profile", profile, "--batch", "1", "--input", "100", "--output", "400", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(10, root.GetProperty("ttft_ms").GetDouble());
        Assert.Equal(1256.0 / 399, root.GetProperty("tpot_ms").GetDouble(), 12);
        Assert.Equal(1266, root.GetProperty("e2e_ms").GetDouble());
        Assert.Equal(128, root.GetProperty("prefill_bucket").GetInt32());
        Assert.Equal(1, root.GetProperty("compiled_batch").GetInt32());
        Assert.Equal(500 / 1.266, root.GetProperty("throughput_tps").GetDouble(), 9);
        var spans = root.GetProperty("decode_buckets").EnumerateArray().Select(s => (s.GetProperty("bucket").GetInt32(), s.GetProperty("steps").GetInt64()));
        Assert.Equal([(128, 28L), (256, 128L), (512, 243L)], spans);
    }

    [Fact]
    public async Task The_table_names_the_buckets_and_TPOT_after_the_largest_bucket_is_null()
    {
        using var files = new LensFiles();
        var profile = files.Write("p.json", LensFiles.HandProfile);

        var table = await CliRun.Of("lens", "predict", "--profile", profile, "--input", "129", "--output", "2");
        var edge = await CliRun.Of("lens", "predict", "--profile", profile, "--input", "512", "--output", "1", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("prefill padded to bucket 256; decode: 1 steps in 256", table.Output, StringComparison.Ordinal);
        Assert.Contains("TTFT", table.Output, StringComparison.Ordinal);
        Assert.Equal(0, edge.ExitCode);
        using var json = JsonDocument.Parse(edge.Output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("tpot_ms").ValueKind);
        Assert.Equal(40, json.RootElement.GetProperty("e2e_ms").GetDouble());
    }

    [Theory]
    [InlineData("input 513 is beyond the largest prefill bucket 512", "--input", "513", "--output", "1")]
    [InlineData("needs KV length 513, beyond the largest decode bucket 512", "--input", "500", "--output", "14")]
    [InlineData("batch 2 is beyond the largest compiled batch 1", "--batch", "2")]
    [InlineData("output tokens = 0", "--output", "0")]
    public async Task A_request_the_device_cannot_run_exits_with_two_naming_the_bucket(string message, params string[] options)
    {
        using var files = new LensFiles();
        var profile = files.Write("p.json", LensFiles.HandProfile);

        var run = await CliRun.Of(["lens", "predict", "--profile", profile, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("\"prefill_ms\": 20", "\"prefill_ms\": -20", "prefill bucket 256 (batch 1): prefill_ms = -20 must be positive and finite")]
    [InlineData("\"length\": 512, \"step_ms\"", "\"length\": 256, \"step_ms\"", "decode bucket 256 (batch 1) appears twice")]
    [InlineData("\"step_ms\": 4", "\"step_ms\": null", "decode bucket 512 (batch 1): field 'step_ms' is missing")]
    [InlineData("\"prefill_buckets\"", "\"prefill\"", "field 'prefill_buckets' is missing")]
    [InlineData("\"device\"", "\"device\" \"", "not valid JSON")]
    public async Task A_bad_profile_exits_with_two_and_one_line_naming_the_bucket(string find, string replace, string message)
    {
        using var files = new LensFiles();
        var profile = files.Write("bad.json", LensFiles.HandProfile.Replace(find, replace, StringComparison.Ordinal));

        var run = await CliRun.Of("lens", "predict", "--profile", profile, "--input", "100", "--output", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"life-sweep: profile '{profile}': ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_missing_profile_is_bad_input()
    {
        var run = await CliRun.Of("lens", "predict", "--profile", "/nonexistent/p.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("profile '/nonexistent/p.json': cannot read", run.Error, StringComparison.Ordinal);
    }
}
