using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

public sealed class LensCompareCommandTests
{
    [Fact]
    public async Task On_the_example_LENS_beats_the_smooth_fit_and_the_roofline_side_by_side()
    {
        var examples = LensFiles.Examples;

        var run = await CliRun.Of(
            "lens", "compare", Path.Combine(examples, "BUCKETS.csv"), Path.Combine(examples, "TEST.csv"),
            "--tflops", "200", "--bandwidth-gbs", "800", "--model", "llama-3-8b", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var methods = json.RootElement.GetProperty("methods");
        var lens = methods.GetProperty("lens").GetProperty("median_ape").GetDouble();
        var smooth = methods.GetProperty("smooth_linear").GetProperty("median_ape").GetDouble();
        var roofline = methods.GetProperty("roofline").GetProperty("median_ape").GetDouble();
        Assert.True(lens <= 3, $"LENS median APE {lens}%");
        Assert.True(smooth >= 3 * lens, $"smooth {smooth}% vs LENS {lens}%");
        Assert.True(roofline >= 3 * lens, $"roofline {roofline}% vs LENS {lens}%");
        Assert.Equal(40, json.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(40, json.RootElement.GetProperty("predictions").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("predictions")[0].TryGetProperty("roofline_ms", out _));
    }

    [Fact]
    public async Task The_table_lists_each_method_and_skips_runs_beyond_the_buckets_with_the_reason()
    {
        using var files = new LensFiles();
        var runs = files.Write("runs.csv", LensFiles.GoodRuns);
        var test = files.Write("test.csv", "batch,input_tokens,output_tokens,e2e_ms\n1,100,400,1266\n1,600,1,50\n1,129,1,20\n");

        var run = await CliRun.Of("lens", "compare", runs, test, "--buckets", "128,256,512");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("scored on 2 runs", run.Output, StringComparison.Ordinal);
        Assert.Contains("skipped " + test + " line 3: input 600 is beyond the largest prefill bucket 512", run.Output, StringComparison.Ordinal);
        Assert.Contains("LENS", run.Output, StringComparison.Ordinal);
        Assert.Contains("smooth linear", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("roofline", run.Output, StringComparison.Ordinal);
        Assert.Contains("0.00%", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model is for the roofline baseline", "--model", "llama-3-8b")]
    [InlineData("the roofline baseline needs --model", "--tflops", "100", "--bandwidth-gbs", "800")]
    [InlineData("inline hardware needs both --tflops and --bandwidth-gbs", "--tflops", "100", "--model", "llama-3-8b")]
    [InlineData("unknown model 'llama-9'", "--hardware", "h100-sxm", "--model", "llama-9")]
    [InlineData("runs.csv: bucket 1024 (batch 1): no runs", "--buckets", "128,256,512,1024")]
    public async Task Bad_options_or_data_exit_with_two_and_one_line(string message, params string[] options)
    {
        using var files = new LensFiles();
        var runs = files.Write("runs.csv", LensFiles.GoodRuns);
        var test = files.Write("test.csv", "batch,input_tokens,output_tokens,e2e_ms\n1,100,400,1266\n");

        var run = await CliRun.Of(["lens", "compare", runs, test, .. (options.Contains("--buckets") ? options : ["--buckets", "128,256,512", .. options])]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
