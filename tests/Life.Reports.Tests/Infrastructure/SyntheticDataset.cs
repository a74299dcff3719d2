using System.Text.Json;
using DuckDB.NET.Data;

namespace Life.Reports.Tests.Infrastructure;

/// <summary>
/// A finished dataset written by DuckDB from one SQL query (no sweep engine): result files, a
/// sweep.json naming the spec's dimensions and objectives, and _SUCCESS. For shapes the engine
/// cannot make quickly: tens of millions of rows, a known front, hostile names, serving columns.
/// </summary>
internal static class SyntheticDataset
{
    /// <param name="select">A SELECT over DuckDB's <c>range(n)</c> giving the result columns.</param>
    public static void Write(string directory, string select, string[] objectives, IReadOnlyDictionary<string, object[]>? workload = null, string name = "synthetic", int files = 1)
    {
        var results = Path.Combine(directory, "results");
        Directory.CreateDirectory(results);
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SET preserve_insertion_order = false";
            command.ExecuteNonQuery();
            for (var f = 0; f < files; f++)
            {
                command.CommandText = $"COPY (SELECT * FROM ({select}) WHERE config_id % {files} = {f}) TO '{Path.Combine(results, $"part-{f:D5}.parquet")}' (FORMAT parquet, COMPRESSION snappy)";
                command.ExecuteNonQuery();
            }
        }

        var sweep = new Dictionary<string, object>
        {
            ["name"] = name,
            ["spec"] = new Dictionary<string, object>
            {
                ["name"] = name,
                ["hardware"] = Array.Empty<object>(),
                ["models"] = Array.Empty<object>(),
                ["workload"] = workload ?? new Dictionary<string, object[]>(),
                ["constraints"] = new Dictionary<string, object>(),
                ["objectives"] = objectives,
            },
            ["counts"] = new Dictionary<string, object>(),
        };
        File.WriteAllText(Path.Combine(directory, "sweep.json"), JsonSerializer.Serialize(sweep));
        File.WriteAllText(Path.Combine(directory, "_SUCCESS"), "");
    }
}
