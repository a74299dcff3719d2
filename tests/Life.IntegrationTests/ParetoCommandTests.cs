using System.Globalization;
using System.Text.Json;
using Life.IntegrationTests.Infrastructure;

namespace Life.IntegrationTests;

/// <summary>
/// `life-sweep pareto` on a real sweep, against DuckDB: DuckDB reads the rows and evaluates the
/// same filter as SQL, a brute-force front is computed from its answer, and the command's front
/// (and its --out file) must match it, and pareto.parquet for the spec's own objectives.
/// </summary>
public sealed class ParetoCommandTests(ParetoSweep sweep) : IClassFixture<ParetoSweep>
{
    public static TheoryData<string, string?, bool> Queries => new()
    {
        { "min:tpot_ms,max:throughput_tps", null, false },
        { "min:cost_per_mtok,min:tpot_ms,max:throughput_tps", "batch >= 8 or model != 'llama-2-7b'", true },
        { "min:ttft_ms,min:memory_gb", "fits and ttft_ms < 1000 and hardware = 'h100-sxm'", false },
        { "min:energy_j_per_token,max:per_user_tps", "not (cost_per_mtok < 0.05)", false },
        { "min:e2e_ms,min:cost_per_mtok", "hardware = 'mystery-npu' or weight_bits = 4.5", false },
        { "max:throughput_tps,min:memory_gb,min:tpot_ms", "(batch = 1 or batch = 32) and kv_bits != 16 and not fits = false", true },
    };

    [Fact]
    public async Task With_the_spec_objectives_and_no_filter_the_front_is_pareto_parquet_row_for_row()
    {
        var file = sweep.Combine("spec-front.parquet");

        var run = await Cli.RunAsync("pareto", sweep.Output, "--json", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("spec", json.RootElement.GetProperty("objectives_from").GetString());
        var pareto = DuckDb.Literal(Path.Combine(sweep.Output, "pareto.parquet"));
        var answers = DuckDb.Query(
            $"SELECT * FROM {pareto} ORDER BY config_id",
            $"SELECT * FROM {DuckDb.Literal(file)}");
        var expectedIds = answers[0].EnumerateArray().Select(r => Id(r)).ToArray();
        Assert.NotEmpty(expectedIds);
        Assert.Equal(expectedIds, FrontIds(json));
        Assert.Equal(answers[0].ToString(), answers[1].ToString());
        Assert.Equal(
            BruteForce(["min:cost_per_mtok", "min:tpot_ms", "max:throughput_tps"], where: null, constrainedOnly: true).Front,
            expectedIds);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task The_front_equals_a_brute_force_front_of_the_rows_duckdb_selects_with_the_same_filter(string objectives, string? where, bool allRows)
    {
        var file = sweep.Combine($"front-{Guid.NewGuid():N}.parquet");
        string[] args = ["pareto", sweep.Output, "--objectives", objectives, "--json", "--out", file];
        if (where is not null)
        {
            args = [.. args, "--where", where];
        }

        if (allRows)
        {
            args = [.. args, "--all-rows"];
        }

        var run = await Cli.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var expected = BruteForce(objectives.Split(','), where, constrainedOnly: !allRows);
        Assert.NotEmpty(expected.Front);
        Assert.Equal(expected.Front, FrontIds(json));
        Assert.Equal(expected.Matched, json.RootElement.GetProperty("rows_matched").GetInt64());
        Assert.Equal(expected.Missing, json.RootElement.GetProperty("rows_missing_objective").GetInt64());
        Assert.Equal(288, json.RootElement.GetProperty("rows").GetInt64());

        // The --out file: every column of those rows, exactly as the dataset has them, by config_id.
        var ids = string.Join(", ", expected.Front);
        var results = DuckDb.Literal(Path.Combine(sweep.Output, "results", "*.parquet"));
        var files = DuckDb.Query(
            $"SELECT * FROM {results} WHERE config_id IN ({ids}) ORDER BY config_id",
            $"SELECT * FROM {DuckDb.Literal(file)}");
        Assert.Equal(files[0].ToString(), files[1].ToString());
    }

    [Fact]
    public async Task The_text_output_says_how_many_rows_were_left_out_for_a_null_objective()
    {
        var run = await Cli.RunAsync("pareto", sweep.Output, "--objectives", "min:cost_per_mtok,min:tpot_ms", "--all-rows", "--top", "3");

        Assert.Equal(0, run.ExitCode);
        var expected = BruteForce(["min:cost_per_mtok", "min:tpot_ms"], where: null, constrainedOnly: false);
        Assert.Equal(96, expected.Missing);
        Assert.Contains(
            $"rows:       288; constraints ignored (--all-rows); 96 left out for a null objective value (cost_per_mtok: 96); front computed over 192",
            run.Output,
            StringComparison.Ordinal);
        Assert.Contains($"Pareto front: {expected.Front.Length} rows", run.Output, StringComparison.Ordinal);
    }

    private static long Id(JsonElement row) => long.Parse(row.GetProperty("config_id").GetString()!, CultureInfo.InvariantCulture);

    private static long[] FrontIds(JsonDocument json) =>
        [.. json.RootElement.GetProperty("front").EnumerateArray().Select(r => r.GetProperty("config_id").GetInt64()).Order()];

    /// <summary>
    /// DuckDB selects the rows (constraints, then the filter as SQL); the front is every complete
    /// candidate that no other candidate dominates.
    /// </summary>
    private (long[] Front, long Matched, long Missing) BruteForce(string[] objectives, string? where, bool constrainedOnly)
    {
        var metrics = objectives.Select(o => (Name: o[4..], Maximize: o.StartsWith("max:", StringComparison.Ordinal))).ToArray();
        var conditions = new List<string>();
        if (constrainedOnly)
        {
            conditions.Add("meets_constraints");
        }

        if (where is not null)
        {
            conditions.Add($"({where})");
        }

        var filter = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var rows = DuckDb.Query(
            $"SELECT config_id, {string.Join(", ", metrics.Select(m => m.Name))} FROM {DuckDb.Literal(Path.Combine(sweep.Output, "results", "*.parquet"))} {filter}")[0]
            .EnumerateArray().ToArray();
        var candidates = rows
            .Where(r => metrics.All(m => r.GetProperty(m.Name).ValueKind == JsonValueKind.Number))
            .Select(r => (Id: Id(r), Values: metrics.Select(m => r.GetProperty(m.Name).GetDouble() * (m.Maximize ? -1 : 1)).ToArray()))
            .ToArray();
        var front = candidates
            .Where(p => !candidates.Any(q => q.Values.Zip(p.Values).All(v => v.First <= v.Second) && q.Values.Zip(p.Values).Any(v => v.First < v.Second)))
            .Select(p => p.Id)
            .Order()
            .ToArray();
        return (front, rows.Length, rows.Length - candidates.Length);
    }
}
