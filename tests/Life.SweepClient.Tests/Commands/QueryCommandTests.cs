using System.Globalization;
using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

/// <summary>`query` on a small finished sweep: SQL over the views results and pareto, as a table, CSV or JSON; bad SQL exits with two and one line.</summary>
public sealed class QueryCommandTests(SmallSweep sweep) : IClassFixture<SmallSweep>
{
    [Fact]
    public async Task Json_gives_one_object_per_row_with_typed_values()
    {
        var run = await CliRun.Of("query", sweep.Output, "SELECT config_id, hardware, batch, weight_bits, fits, cost_per_mtok FROM results ORDER BY config_id", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(24, rows.Length);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (long)i), rows.Select(r => r.GetProperty("config_id").GetInt64()));
        Assert.Equal(["h100-sxm", "mystery-npu"], rows.Select(r => r.GetProperty("hardware").GetString()).Distinct().Order());
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r.GetProperty("batch").ValueKind));
        Assert.All(rows, r => Assert.True(r.GetProperty("fits").ValueKind is JsonValueKind.True or JsonValueKind.False));
        Assert.All(rows.Where(r => r.GetProperty("hardware").GetString() == "mystery-npu"), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("cost_per_mtok").ValueKind));
        Assert.All(rows.Where(r => r.GetProperty("hardware").GetString() == "h100-sxm"), r => Assert.True(r.GetProperty("cost_per_mtok").GetDouble() > 0));
    }

    [Fact]
    public async Task Csv_quotes_fields_that_need_it_and_leaves_nulls_empty()
    {
        var run = await CliRun.Of("query", sweep.Output, "SELECT 'a,b' AS text, 'say \"hi\"' AS quote, NULL AS nothing, 4.5 AS number, count(*) AS n FROM results", "--csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["text,quote,nothing,number,n", "\"a,b\",\"say \"\"hi\"\"\",,4.5,24"], run.Output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task The_pareto_view_is_pareto_parquet_and_a_table_is_the_default()
    {
        var front = await CliRun.Of("query", sweep.Output, "SELECT count(*) AS n FROM pareto", "--csv");
        var table = await CliRun.Of("query", sweep.Output, "SELECT hardware, count(*) AS configurations FROM results GROUP BY hardware ORDER BY hardware");

        Assert.Equal(0, front.ExitCode);
        var frontRows = long.Parse(front.Output.Split('\n')[1].Trim(), CultureInfo.InvariantCulture);
        var expected = await CliRun.Of("pareto", sweep.Output, "--json");
        using var json = JsonDocument.Parse(expected.Output);
        Assert.Equal(json.RootElement.GetProperty("front_rows").GetInt64(), frontRows);
        Assert.Equal(0, table.ExitCode);
        var lines = table.Output.TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(["hardware     configurations", "-----------  --------------", "h100-sxm                 12", "mystery-npu              12", "(2 rows)"], lines);
    }

    [Theory]
    [InlineData("SELECT nope FROM results", "query: Binder Error: Referenced column \"nope\" not found in FROM clause!")]
    [InlineData("SELEC 1", "query: Parser Error: syntax error at or near \"SELEC\"")]
    [InlineData(" ", "the query is empty")]
    public async Task Bad_sql_exits_with_two_and_duckdbs_message_on_one_line(string sql, string message)
    {
        var run = await CliRun.Of("query", sweep.Output, sql);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_missing_dataset_is_bad_input_naming_it()
    {
        var run = await CliRun.Of("query", Path.Combine(sweep.Root, "nope"), "SELECT 1");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"life-sweep: dataset directory '{Path.Combine(sweep.Root, "nope")}' does not exist", run.Error.TrimEnd());
    }

    [Fact]
    public async Task A_truncated_part_file_is_bad_input_naming_it()
    {
        var copy = Path.Combine(sweep.Root, $"damaged-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(copy, "results"));
        foreach (var file in Directory.GetFiles(Path.Combine(sweep.Output, "results")))
        {
            File.Copy(file, Path.Combine(copy, "results", Path.GetFileName(file)));
        }

        var damaged = Path.Combine(copy, "results", "part-00001.parquet");
        var bytes = await File.ReadAllBytesAsync(damaged);
        await File.WriteAllBytesAsync(damaged, bytes[..(bytes.Length / 2)]);

        var query = await CliRun.Of("query", copy, "SELECT count(*) FROM results");
        var pareto = await CliRun.Of("pareto", copy);

        Assert.Equal(2, query.ExitCode);
        Assert.Contains(damaged, query.Error, StringComparison.Ordinal);
        Assert.Single(query.Error.TrimEnd().Split('\n'));
        Assert.Equal(2, pareto.ExitCode);
        Assert.Contains(damaged, pareto.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_page_in_a_part_file_is_bad_input_naming_it()
    {
        var copy = Path.Combine(sweep.Root, $"corrupt-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(copy, "results"));
        foreach (var file in Directory.GetFiles(Path.Combine(sweep.Output, "results")))
        {
            File.Copy(file, Path.Combine(copy, "results", Path.GetFileName(file)));
        }

        var damaged = Path.Combine(copy, "results", "part-00002.parquet");
        var bytes = await File.ReadAllBytesAsync(damaged);
        for (var i = 8; i < Math.Min(bytes.Length / 2, 400); i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(damaged, bytes);

        var run = await CliRun.Of("pareto", copy, "--objectives", "min:ttft_ms,max:throughput_tps");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(damaged, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
