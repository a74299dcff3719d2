using System.Text.Json;
using Parquet;

namespace Life.SweepClient.Tests.Commands;

/// <summary>`pareto` on a small finished sweep: its output, and bad input refused with exit code 2 and one line.</summary>
public sealed class ParetoCommandTests(SmallSweep sweep) : IClassFixture<SmallSweep>
{
    public static TheoryData<string[], string> BadInput => new()
    {
        { ["--objectives", "min:tpot"], "--objectives: 'min:tpot' is not min:METRIC or max:METRIC (metrics: ttft_ms, tpot_ms, e2e_ms, per_user_tps, throughput_tps, memory_gb, cost_per_mtok, energy_j_per_token, output_tps, cost_per_m_output_tokens, energy_j_per_output_token, max_concurrency, p50_ttft_ms, p99_ttft_ms, p50_tpot_ms, p99_tpot_ms, max_qps_at_slo, devices, cost_per_hour)" },
        { ["--objectives", "fastest"], "--objectives: 'fastest' is not min:METRIC or max:METRIC" },
        { ["--objectives", "min:tpot_ms,max:tpot_ms"], "--objectives: 'max:tpot_ms' names tpot_ms a second time" },
        { ["--objectives", " , "], "--objectives is empty" },
        { ["--where", "ttft < 5"], "--where: Binder Error: Referenced column \"ttft\" not found in FROM clause!" },
        { ["--where", "batch > 'big'"], "--where: Conversion Error: Could not convert string 'big' to INT32" },
        { ["--where", "(fits"], "--where: Parser Error: syntax error at end of input" },
        { ["--where", "fits &&"], "--where: Catalog Error: Scalar Function" },
        { ["--where", " "], "--where is empty: give a SQL boolean expression" },
        { ["--top", "-1"], "--top -1 must be at least 0" },
        { ["--top", "many"], "many" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_objectives_filters_and_options_exit_with_two_and_one_line_naming_the_value(string[] options, string message)
    {
        var run = await CliRun.Of(["pareto", sweep.Output, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_missing_directory_is_bad_input()
    {
        var run = await CliRun.Of("pareto", Path.Combine(sweep.Root, "nope"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"life-sweep: dataset directory '{Path.Combine(sweep.Root, "nope")}' does not exist", run.Error.TrimEnd());
    }

    [Fact]
    public async Task A_directory_that_is_not_a_dataset_is_bad_input()
    {
        var run = await CliRun.Of("pareto", sweep.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a LifeSweep dataset: it has no results/*.parquet files", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_file_inside_the_results_directory_is_refused()
    {
        var run = await CliRun.Of("pareto", sweep.Output, "--out", Path.Combine(sweep.Output, "results", "front.parquet"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is inside the dataset's results directory", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sweep.Output, "results", "front.parquet")));
    }

    [Fact]
    public async Task An_out_file_that_would_replace_the_sweeps_own_front_is_refused()
    {
        var before = await File.ReadAllBytesAsync(Path.Combine(sweep.Output, "pareto.parquet"));

        var run = await CliRun.Of("pareto", sweep.Output, "--objectives", "min:ttft_ms", "--out", Path.Combine(sweep.Output, "pareto.parquet"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("would replace the dataset's own pareto.parquet", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(sweep.Output, "pareto.parquet")));
    }

    [Fact]
    public async Task Without_options_the_spec_objectives_and_the_constrained_rows_give_the_table()
    {
        var run = await CliRun.Of("pareto", sweep.Output);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.StartsWith($"dataset:    {sweep.Output} (sweep 'small', 4 files, 24 rows)", lines[0], StringComparison.Ordinal);
        Assert.Equal("objectives: min:tpot_ms, max:throughput_tps (the spec's)", lines[1]);
        Assert.Matches(@"^rows:       24; \d+ meet the constraints; front computed over \d+$", lines[2]);
        Assert.Matches(@"^Pareto front: \d+ rows$", lines[3]);
        Assert.Matches(@"^config_id\s+hardware\s+model\s+weight_bits\s+batch\s+input_tokens\s+output_tokens\s+ttft_ms\s+tpot_ms\s+output_tps\s+memory_gb\s+cost_per_m_output_tokens\s+throughput_tps$", lines[5]);
    }

    [Fact]
    public async Task Rows_with_a_null_objective_are_left_out_and_counted()
    {
        var run = await CliRun.Of("pareto", sweep.Output, "--objectives", "min:cost_per_mtok,min:tpot_ms", "--all-rows", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(24, root.GetProperty("rows").GetInt32());
        Assert.Equal(24, root.GetProperty("rows_eligible").GetInt32());
        Assert.Equal(12, root.GetProperty("rows_missing_objective").GetInt32());
        Assert.Equal(12, root.GetProperty("missing_by_objective").GetProperty("cost_per_mtok").GetInt32());
        Assert.Equal(12, root.GetProperty("candidates").GetInt32());
        Assert.All(root.GetProperty("front").EnumerateArray(), row => Assert.Equal("h100-sxm", row.GetProperty("hardware").GetString()));

        var text = await CliRun.Of("pareto", sweep.Output, "--objectives", "min:cost_per_mtok,min:tpot_ms", "--all-rows");
        Assert.Contains("constraints ignored (--all-rows); 12 left out for a null objective value (cost_per_mtok: 12); front computed over 12", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lists_every_front_row_best_first_and_top_limits_it()
    {
        var all = await CliRun.Of("pareto", sweep.Output, "--objectives", "min:tpot_ms,max:throughput_tps,min:memory_gb", "--json");
        var top = await CliRun.Of("pareto", sweep.Output, "--objectives", "min:tpot_ms,max:throughput_tps,min:memory_gb", "--json", "--top", "2");

        using var allJson = JsonDocument.Parse(all.Output);
        using var topJson = JsonDocument.Parse(top.Output);
        var front = allJson.RootElement.GetProperty("front").EnumerateArray().ToArray();
        Assert.Equal(allJson.RootElement.GetProperty("front_rows").GetInt32(), front.Length);
        Assert.True(front.Length > 2);
        var tpot = front.Select(r => r.GetProperty("tpot_ms").GetDouble()).ToArray();
        Assert.Equal(tpot.Order(), tpot);
        Assert.Equal(
            front.Take(2).Select(r => r.GetProperty("config_id").GetInt64()),
            topJson.RootElement.GetProperty("front").EnumerateArray().Select(r => r.GetProperty("config_id").GetInt64()));
        Assert.Equal(21, front[0].EnumerateObject().Count());
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_gives_an_empty_front_and_an_empty_file()
    {
        var file = Path.Combine(sweep.Root, "empty", "front.parquet");

        var run = await CliRun.Of("pareto", sweep.Output, "--where", "batch > 1000", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 of them match --where", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pareto front: 0 rows", run.Output, StringComparison.Ordinal);
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(0, reader.RowGroups.Sum(g => g.RowCount));
        Assert.Equal(21, reader.Schema.DataFields.Length);
    }

    [Fact]
    public async Task The_out_file_holds_the_front_rows_by_config_id_with_the_sweep_and_query_metadata()
    {
        var file = Path.Combine(sweep.Root, "front.parquet");

        var run = await CliRun.Of("pareto", sweep.Output, "--where", "weight_bits = 4.5", "--out", file, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var ids = json.RootElement.GetProperty("front").EnumerateArray().Select(r => r.GetProperty("config_id").GetInt64()).Order().ToArray();
        await using var reader = await ParquetReader.CreateAsync(file);
        var read = new long?[ids.Length];
        using (var group = reader.OpenRowGroupReader(0))
        {
            await group.ReadAsync(reader.Schema.DataFields[0], read.AsMemory());
        }

        Assert.Equal(ids, read.Select(id => id!.Value));
        Assert.Equal("min:tpot_ms,max:throughput_tps", reader.CustomMetadata["life.pareto.objectives"]);
        Assert.Equal("weight_bits = 4.5", reader.CustomMetadata["life.pareto.where"]);
        Assert.Equal("true", reader.CustomMetadata["life.pareto.constrained_only"]);
        Assert.Contains("life.sweep.spec", reader.CustomMetadata.Keys);
        Assert.Equal(file, json.RootElement.GetProperty("out").GetString());
    }

    [Fact]
    public async Task An_unfinished_sweep_is_read_with_a_note()
    {
        var copy = Path.Combine(sweep.Root, "unfinished");
        Directory.CreateDirectory(Path.Combine(copy, "results"));
        foreach (var file in Directory.GetFiles(Path.Combine(sweep.Output, "results")).Take(2))
        {
            File.Copy(file, Path.Combine(copy, "results", Path.GetFileName(file)));
        }

        var run = await CliRun.Of("pareto", copy);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note:       no _SUCCESS file: the sweep is not finished", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_describes_the_command()
    {
        var run = await CliRun.Of("pareto", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--objectives", run.Output, StringComparison.Ordinal);
        Assert.Contains("--all-rows", run.Output, StringComparison.Ordinal);
    }
}
