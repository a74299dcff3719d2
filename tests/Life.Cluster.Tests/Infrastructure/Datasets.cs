using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Life.SweepClient;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>
/// The fault-free reference (<c>life-sweep run</c> on the same spec) and the comparison every cluster
/// test ends with: the same shard files byte for byte (shard files are deterministic), the same
/// Pareto file, _SUCCESS, and DuckDB's reading of the whole dataset: one row per config_id, none
/// missing, none twice.
/// </summary>
internal static class Datasets
{
    public static async Task<string> ReferenceAsync(string spec, string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(["run", spec, "--out", output, "--workers", "2"], stdout, stderr);
        Assert.True(code == 0, $"life-sweep run failed: {stderr}");
        return output;
    }

    public static void AssertSame(string expected, string actual, long configurations)
    {
        var expectedFiles = ResultFiles(expected);
        var actualFiles = ResultFiles(actual);
        Assert.Equal(expectedFiles.Keys.Order(StringComparer.Ordinal), actualFiles.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, path) in expectedFiles)
        {
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(actualFiles[name])), $"results/{name} differs from the fault-free run");
        }

        Assert.True(File.ReadAllBytes(Path.Combine(expected, "pareto.parquet")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, "pareto.parquet"))), "pareto.parquet differs");
        Assert.True(File.Exists(Path.Combine(actual, "_SUCCESS")), "_SUCCESS missing");
        Assert.True(File.Exists(Path.Combine(actual, "sweep.json")), "sweep.json missing");
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(actual, "results")), f => !f.EndsWith(".parquet", StringComparison.Ordinal));

        var counts = DuckDbCounts(Path.Combine(actual, "results", "*.parquet"));
        Assert.Equal(configurations, counts.Rows);
        Assert.Equal(configurations, counts.Distinct);
        Assert.Equal(0, counts.Min);
        Assert.Equal(configurations - 1, counts.Max);
    }

    private static Dictionary<string, string> ResultFiles(string output) =>
        Directory.EnumerateFiles(Path.Combine(output, "results"), "*.parquet").ToDictionary(f => Path.GetFileName(f), f => f, StringComparer.Ordinal);

    private static (long Rows, long Distinct, long Min, long Max) DuckDbCounts(string glob)
    {
        var tools = RepositoryPaths.ReaderTools;
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@duckdb", "node-api")))
        {
            throw new InvalidOperationException($"DuckDB's node API is not installed in {tools}/node_modules. Run `bash eng/test-setup.d/20-npm-parquet-readers.sh` (bash eng/test.sh runs it).");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(tools, "duckdb-read.mjs"), "--digest", "--sql", "SELECT count(*) AS n, count(DISTINCT config_id) AS d, min(config_id) AS lo, max(config_id) AS hi FROM $FILE", glob })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("duckdb-read.mjs did not finish");
        }

        Assert.True(process.ExitCode == 0, $"duckdb-read.mjs failed: {errors.Result}");
        using var document = JsonDocument.Parse(output.Result);
        var row = document.RootElement[0].GetProperty("queries")[0].GetProperty("rows")[0];
        return (Number(row, "n"), Number(row, "d"), Number(row, "lo"), Number(row, "hi"));
    }

    private static long Number(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
    }
}
