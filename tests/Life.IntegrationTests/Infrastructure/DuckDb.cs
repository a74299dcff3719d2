using System.Diagnostics;
using System.Text.Json;

namespace Life.IntegrationTests.Infrastructure;

/// <summary>
/// Queries Parquet files with DuckDB (node `@duckdb/node-api`, installed by the test setup). A
/// missing node or node_modules fails the test with the command that fixes it; it never skips.
/// </summary>
internal static class DuckDb
{
    public static JsonElement[] Query(params string[] statements)
    {
        var tools = RepositoryPaths.ReaderTools;
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@duckdb", "node-api")))
        {
            throw new InvalidOperationException($"DuckDB for node is not installed in {tools}; run `bash eng/test-setup.d/20-npm-parquet-readers.sh`.");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(tools, "duckdb-query.mjs"));
        foreach (var statement in statements)
        {
            start.ArgumentList.Add(statement);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("DuckDB query did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"DuckDB query failed: {errors.Result}");
        }

        using var document = JsonDocument.Parse(output.Result);
        return [.. document.RootElement.Clone().EnumerateArray()];
    }

    public static string Literal(string path) => $"'{path.Replace("'", "''", StringComparison.Ordinal)}'";
}
