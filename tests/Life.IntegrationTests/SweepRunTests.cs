using System.Globalization;
using System.Text.Json;
using Life.IntegrationTests.Infrastructure;

namespace Life.IntegrationTests;

/// <summary>`life-sweep run` end to end: the dataset as DuckDB reads it, against `predict` and a brute-force front.</summary>
public sealed class SweepRunTests : IDisposable
{
    // 2 × 2 × 2 × 2 × 2 × 2 × 2 × 2 × 2 = 512 configurations in shards of 37 (the last one short).
    private const string Spec = """
        name: integration
        hardware: [h100-sxm, rtx-4090]
        models: [mistral-7b, deepseek-v2-lite]
        optimizations:
          weight_bits: [16, 4.5]
          kv_bits: [16, 8]
          fusion: [eager, full]
          chunk: [0, 256]
        workload:
          batch: [1, 8]
          input_tokens: [100, 5000]
          output_tokens: [10, 300]
        constraints: { fits: true, max_ttft_ms: 1500 }
        objectives: [min:cost_per_mtok, min:tpot_ms, max:throughput_tps]
        shard_size: 37
        """;

    private static readonly string[] Metrics = ["ttft_ms", "tpot_ms", "e2e_ms", "per_user_tps", "throughput_tps", "memory_gb"];

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task The_dataset_has_one_row_per_config_id_each_equal_to_predict()
    {
        var output = await RunSweepAsync();
        var results = DuckDb.Literal(Path.Combine(output, "results", "*.parquet"));
        var (rows, stats) = (DuckDb.Query($"SELECT * FROM {results} ORDER BY config_id")[0], DuckDb.Query($"SELECT count(*) AS n, count(DISTINCT config_id) AS d, min(config_id) AS lo, max(config_id) AS hi FROM {results}")[0][0]);

        Assert.Equal("512", stats.GetProperty("n").ToString());
        Assert.Equal("512", stats.GetProperty("d").ToString());
        Assert.Equal("0", stats.GetProperty("lo").ToString());
        Assert.Equal("511", stats.GetProperty("hi").ToString());

        foreach (var row in rows.EnumerateArray())
        {
            var predict = await Cli.RunAsync(
                "predict", "--json",
                "--hardware", Text(row, "hardware"), "--model", Text(row, "model"),
                "--weight-bits", Text(row, "weight_bits"), "--kv-bits", Text(row, "kv_bits"), "--fusion", Text(row, "fusion"),
                "--chunk", Text(row, "chunk"), "--batch", Text(row, "batch"), "--input", Text(row, "input_tokens"), "--output", Text(row, "output_tokens"));
            Assert.Equal(0, predict.ExitCode);
            using var expected = JsonDocument.Parse(predict.Output);
            foreach (var metric in Metrics)
            {
                Assert.Equal(expected.RootElement.GetProperty(metric).GetDouble(), row.GetProperty(metric).GetDouble());
            }

            Assert.Equal(expected.RootElement.GetProperty("fits").GetBoolean(), row.GetProperty("fits").GetBoolean());
            Assert.Equal(expected.RootElement.GetProperty("cost_per_mtok").ToString(), row.GetProperty("cost_per_mtok").ToString());
        }
    }

    [Fact]
    public async Task The_pareto_front_equals_a_brute_force_front_of_the_rows_meeting_the_constraints()
    {
        var output = await RunSweepAsync();
        var results = DuckDb.Literal(Path.Combine(output, "results", "*.parquet"));
        var answers = DuckDb.Query(
            $"SELECT config_id, meets_constraints, canonical, fits, ttft_ms, cost_per_mtok, tpot_ms, throughput_tps FROM {results}",
            $"SELECT config_id FROM {DuckDb.Literal(Path.Combine(output, "pareto.parquet"))} ORDER BY config_id");

        var candidates = answers[0].EnumerateArray()
            .Where(r => r.GetProperty("meets_constraints").GetBoolean() && r.GetProperty("canonical").GetBoolean() && r.GetProperty("cost_per_mtok").ValueKind == JsonValueKind.Number)
            .Select(r => (Id: long.Parse(r.GetProperty("config_id").GetString()!, CultureInfo.InvariantCulture),
                Cost: r.GetProperty("cost_per_mtok").GetDouble(), Tpot: r.GetProperty("tpot_ms").GetDouble(), Throughput: r.GetProperty("throughput_tps").GetDouble()))
            .ToList();
        Assert.All(answers[0].EnumerateArray().Where(r => r.GetProperty("meets_constraints").GetBoolean()), r =>
        {
            Assert.True(r.GetProperty("fits").GetBoolean());
            Assert.True(r.GetProperty("ttft_ms").GetDouble() <= 1500);
        });
        var expected = candidates
            .Where(p => !candidates.Any(q => q.Cost <= p.Cost && q.Tpot <= p.Tpot && q.Throughput >= p.Throughput
                && (q.Cost < p.Cost || q.Tpot < p.Tpot || q.Throughput > p.Throughput)))
            .Select(p => p.Id)
            .Order()
            .ToArray();
        var actual = answers[1].EnumerateArray().Select(r => long.Parse(r.GetProperty("config_id").GetString()!, CultureInfo.InvariantCulture)).ToArray();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Rerunning_a_finished_sweep_redoes_nothing_and_a_damaged_shard_file_is_redone()
    {
        var output = await RunSweepAsync();
        var before = DatasetFingerprint.Of(output);
        var damaged = Path.Combine(output, "results", "part-00003.parquet");
        await File.WriteAllBytesAsync(damaged, [1, 2, 3]);

        var rerun = await Cli.RunAsync("run", _temp.Combine("spec.yaml"), "--out", output, "--workers", "2");

        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("shard 3: file missing or altered, redoing it", rerun.Output, StringComparison.Ordinal);
        Assert.Contains("(1 evaluated now", rerun.Output, StringComparison.Ordinal);
        Assert.Equal(before, DatasetFingerprint.Of(output));
    }

    public void Dispose() => _temp.Dispose();

    private async Task<string> RunSweepAsync()
    {
        var specPath = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(specPath, Spec);
        var output = _temp.Combine("out");
        var run = await Cli.RunAsync("run", specPath, "--out", output, "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.True(File.Exists(Path.Combine(output, "sweep.json")));
        return output;
    }

    private static string Text(JsonElement row, string column)
    {
        var value = row.GetProperty(column);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture) : value.GetString()!;
    }
}
