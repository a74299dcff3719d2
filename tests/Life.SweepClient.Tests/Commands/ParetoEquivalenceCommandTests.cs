using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

/// <summary>A sweep whose chunk list covers every prompt: each chunked row repeats an unchunked one, and fronts list it once.</summary>
public sealed class ParetoEquivalenceCommandTests : IAsyncLifetime
{
    // Both prompts are shorter than 4,096, so every chunk-4096 row is its chunk-0 row again.
    private const string Spec = """
        name: chunks
        hardware: [h100-sxm, rtx-4090]
        models: [llama-2-7b]
        optimizations: {weight_bits: [16, 4.5], chunk: [0, 4096]}
        workload: {batch: [1, 8, 32], input_tokens: [128, 2048], output_tokens: [64]}
        constraints: {fits: true}
        objectives: [min:tpot_ms, max:output_tps]
        shard_size: 10
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("life-pareto-equivalent-").FullName;

    private string Output => Path.Combine(_root, "out");

    public async Task InitializeAsync()
    {
        var spec = Path.Combine(_root, "spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var run = await CliRun.Of("run", spec, "--out", Output, "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rows_equivalent_to_a_lower_config_id_are_flagged_left_out_of_fronts_and_counted()
    {
        var flags = await CliRun.Of("query", Output, "SELECT chunk, canonical, count(*) AS n FROM results GROUP BY ALL ORDER BY ALL", "--csv");
        Assert.Equal("chunk,canonical,n\n0,true,24\n4096,false,24\n", flags.Output.ReplaceLineEndings("\n"));

        var run = await CliRun.Of("pareto", Output, "--all-rows", "--json");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(48, root.GetProperty("rows_matched").GetInt32());
        Assert.Equal(24, root.GetProperty("rows_equivalent").GetInt32());
        Assert.Equal(24, root.GetProperty("candidates").GetInt32());
        var front = root.GetProperty("front").EnumerateArray().ToArray();
        Assert.NotEmpty(front);
        Assert.All(front, row => Assert.Equal(0, row.GetProperty("chunk").GetInt32()));
        var points = front.Select(r => (r.GetProperty("tpot_ms").GetDouble(), r.GetProperty("output_tps").GetDouble())).ToArray();
        Assert.Equal(points.Length, points.Distinct().Count());

        // The sweep's own front is the same rows.
        var own = await CliRun.Of("query", Output, "SELECT count(*) AS n, bool_and(canonical) AS canonical FROM pareto", "--csv");
        Assert.Equal($"n,canonical\n{front.Length},true\n", own.Output.ReplaceLineEndings("\n"));

        var text = await CliRun.Of("pareto", Output, "--all-rows");
        Assert.Contains("; 24 left out as the same configuration as a lower config_id (canonical = false);", text.Output, StringComparison.Ordinal);
    }
}
