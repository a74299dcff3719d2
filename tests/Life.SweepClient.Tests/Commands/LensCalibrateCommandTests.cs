using System.Text.Json;
using Life.Engine.Lens;

namespace Life.SweepClient.Tests.Commands;

public sealed class LensCalibrateCommandTests
{
    [Fact]
    public async Task Calibrate_writes_a_profile_with_P_and_D_per_bucket_and_the_runs_it_came_from()
    {
        using var files = new LensFiles();
        var runs = files.Write("runs.csv", LensFiles.GoodRuns);

        var run = await CliRun.Of("lens", "calibrate", runs, "--buckets", "128,256,512", "-o", files.PathOf("p.json"), "--device", "hand-npu");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Calibrated hand-npu from 6 runs", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.PathOf("p.json")));
        var root = json.RootElement;
        Assert.Equal("hand-npu", root.GetProperty("device").GetString());
        Assert.Equal([10.0, 20, 40], root.GetProperty("prefill_buckets").EnumerateArray().Select(b => b.GetProperty("prefill_ms").GetDouble()));
        Assert.Equal([1.0, 2, 4], root.GetProperty("decode_buckets").EnumerateArray().Select(b => b.GetProperty("step_ms").GetDouble()));
        Assert.Equal(6, root.GetProperty("measurements").GetArrayLength());
    }

    [Fact]
    public async Task Without_a_bucket_list_the_bucket_column_is_used_and_the_measurements_layout_is_accepted()
    {
        using var files = new LensFiles();
        var bucketColumn = files.Write("b.csv", "bucket,batch,input_tokens,output_tokens,e2e_ms\n128,1,32,1,10\n128,1,32,65,74\n256,1,160,1,20\n256,1,160,65,148\n");
        var measurements = files.Write("m.csv", """
            source,hardware,tflops,int8_tops,bandwidth_gbs,memory_gb,devices,framework,model,weight_bits,act_bits,kv_bits,batch,input_tokens,output_tokens,metric,value
            lab,rngd,,,,,1,furiosa,llama-3-8b,16,16,16,1,32,1,e2e_ms,10
            lab,rngd,,,,,1,furiosa,llama-3-8b,16,16,16,1,32,65,e2e_ms,74
            lab,rngd,,,,,1,furiosa,llama-3-8b,16,16,16,1,32,65,ttft_ms,10
            """);

        var fromColumn = await CliRun.Of("lens", "calibrate", bucketColumn, "-o", files.PathOf("b.json"));
        var fromMeasurements = await CliRun.Of("lens", "calibrate", measurements, "--buckets", "128", "-o", files.PathOf("m.json"));

        Assert.Equal(0, fromColumn.ExitCode);
        Assert.Equal([128, 256], Life.Sweep.Inputs.EngineFiles.ReadProfile(files.PathOf("b.json")).PrefillBuckets.Select(b => b.Length));
        Assert.Equal(0, fromMeasurements.ExitCode);
        Assert.Equal("rngd", Life.Sweep.Inputs.EngineFiles.ReadProfile(files.PathOf("m.json")).Device);
    }

    [Theory]
    [InlineData("1,160,65,148\n", "", "runs.csv: bucket 256 (batch 1): only one run (line 4: input 160, output 1)")]
    [InlineData("1,160,65,148\n", "1,160,65,15\n", "runs.csv line 5: bucket 256 (batch 1): derived decode step time -0.0781 ms is not positive")]
    [InlineData("1,160,65,148\n", "1,250,20,100\n", "runs.csv line 5: bucket 256 (batch 1): the run at input 250 with output 20 decodes up to KV length 269, leaving the bucket")]
    [InlineData("1,160,65,148\n", "1,160,65,148\n1,600,1,50\n", "runs.csv line 6: input 600 is outside every bucket (the largest is 512)")]
    [InlineData("1,160,1,20\n", "1,x,1,20\n", "runs.csv line 4: input_tokens = 'x' is not a positive integer")]
    public async Task A_bad_bucket_file_exits_with_two_and_one_line_naming_the_bucket(string find, string replace, string message)
    {
        using var files = new LensFiles();
        var runs = files.Write("runs.csv", LensFiles.GoodRuns.Replace("\r", string.Empty, StringComparison.Ordinal).Replace(find, replace, StringComparison.Ordinal) + "\n");

        var run = await CliRun.Of("lens", "calibrate", runs, "--buckets", "128,256,512", "-o", files.PathOf("p.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"life-sweep: {files.Root}/{message}", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(files.PathOf("p.json")));
    }

    [Theory]
    [InlineData("--buckets: bucket 64 follows 128; buckets must increase", "--buckets", "128,64")]
    [InlineData("--buckets: bucket 'x' is not an integer", "--buckets", "128,x")]
    [InlineData("runs.csv: bucket 1024 (batch 1): no runs", "--buckets", "128,256,512,1024")]
    [InlineData("runs.csv line 7: decode bucket 256 (batch 1): the run at input 300 with output 101 decodes up to KV length 400, outside every decode bucket", "--prefill-buckets", "128,256,512", "--decode-buckets", "128,256")]
    [InlineData("no bucket list", "--device", "x")]
    public async Task A_bad_bucket_list_exits_with_two_naming_the_bucket(string message, params string[] options)
    {
        using var files = new LensFiles();
        var runs = files.Write("runs.csv", LensFiles.GoodRuns);

        var run = await CliRun.Of(["lens", "calibrate", runs, "-o", files.PathOf("p.json"), .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_missing_file_or_output_option_is_bad_input()
    {
        var missing = await CliRun.Of("lens", "calibrate", "/nonexistent/runs.csv", "--buckets", "128", "-o", "/tmp/x.json");
        var noOutput = await CliRun.Of("lens", "calibrate", "runs.csv", "--buckets", "128");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("/nonexistent/runs.csv: cannot read", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, noOutput.ExitCode);
        Assert.Contains("--out", noOutput.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_profile_is_what_calibrate_makes_of_the_example_runs()
    {
        using var files = new LensFiles();
        var examples = LensFiles.Examples;

        var run = await CliRun.Of("lens", "calibrate", Path.Combine(examples, "BUCKETS.csv"), "--buckets", "128,256,512,1024,2048,4096", "-o", files.PathOf("p.json"), "--device", "synthetic-npu");

        Assert.Equal(0, run.ExitCode);
        var expected = Life.Sweep.Inputs.EngineFiles.ReadProfile(Path.Combine(examples, "PROFILE.json"));
        var actual = Life.Sweep.Inputs.EngineFiles.ReadProfile(files.PathOf("p.json"));
        Assert.Equal(expected.PrefillBuckets.ToArray(), actual.PrefillBuckets.ToArray());
        Assert.Equal(expected.DecodeBuckets.ToArray(), actual.DecodeBuckets.ToArray());
    }
}
