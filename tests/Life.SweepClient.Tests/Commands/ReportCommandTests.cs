namespace Life.SweepClient.Tests.Commands;

/// <summary>`report` and `run --report` on a small finished sweep: files written, bad input refused with exit code 2 and one line.</summary>
public sealed class ReportCommandTests(SmallSweep sweep) : IClassFixture<SmallSweep>
{
    public static TheoryData<string[], string> BadInput => new()
    {
        { ["--objectives", "min:tpot"], "objective 'min:tpot': the dataset has no column 'tpot'" },
        { ["--objectives", "fastest"], "--objectives: 'fastest' is not min:COLUMN or max:COLUMN" },
        { ["--where", "ttft < 5"], "--where \"ttft < 5\": Binder Error" },
        { ["--points", "0"], "the point limit 0 must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_objectives_filters_and_options_exit_with_two_and_one_line(string[] options, string message)
    {
        var html = Path.Combine(sweep.Root, "bad", "report.html");
        var run = await CliRun.Of(["report", sweep.Output, "--out", html, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Output);
        Assert.False(File.Exists(html));
    }

    [Fact]
    public async Task A_directory_that_is_not_a_finished_dataset_is_bad_input()
    {
        var run = await CliRun.Of("report", sweep.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"life-sweep: '{sweep.Root}' is not a LifeSweep dataset: it has no results/*.parquet files", run.Error.TrimEnd());
    }

    [Fact]
    public async Task Report_writes_the_html_and_a_file_per_plot_and_says_what_it_drew()
    {
        var html = Path.Combine(sweep.Root, "report", "small.html");
        var run = await CliRun.Of("report", sweep.Output, "--out", html, "--where", "hardware = 'h100-sxm'");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"report:  {html} (1 plots, SVG and PNG beside it)", run.Output, StringComparison.Ordinal);
        Assert.Contains("plots draw all", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(html));
        Assert.True(File.Exists(Path.Combine(sweep.Root, "report", "small-throughput_tps_vs_tpot_ms.svg")));
        Assert.True(File.Exists(Path.Combine(sweep.Root, "report", "small-throughput_tps_vs_tpot_ms.png")));
        Assert.Contains("hardware = &#39;h100-sxm&#39;", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_prints_the_report_command_and_with_report_writes_it()
    {
        var spec = Path.Combine(sweep.Root, "spec.yaml");
        var output = Path.Combine(sweep.Root, "with-report");

        var run = await CliRun.Of("run", spec, "--out", output, "--report");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"report:  life-sweep report {output}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"report:  {Path.Combine(output, "report.html")}", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }
}
