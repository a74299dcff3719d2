using DuckDB.NET.Data;
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

    /// <summary>DuckDB's counts over the result files (DuckDB.NET, in process).</summary>
    private static (long Rows, long Distinct, long Min, long Max) DuckDbCounts(string glob)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT config_id), min(config_id), max(config_id) FROM read_parquet('{glob.Replace("'", "''", StringComparison.Ordinal)}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
