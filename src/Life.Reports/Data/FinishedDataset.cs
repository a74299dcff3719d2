using System.Text.Json;
using Life.Engine;

namespace Life.Reports.Data;

/// <summary>
/// A finished sweep output directory as the report sees it: <c>_SUCCESS</c> present, <c>sweep.json</c>
/// (name, spec, counts) readable, and <c>results/*.parquet</c> files for DuckDB to read. Anything
/// else is bad input (<see cref="EngineInputException"/>) naming the directory and what is missing.
/// </summary>
public sealed class FinishedDataset
{
    private FinishedDataset(string directory, string name, JsonElement spec, IReadOnlyList<KeyValuePair<string, long>> counts, IReadOnlyList<ReportObjective> objectives)
    {
        Directory = directory;
        Name = name;
        Spec = spec;
        Counts = counts;
        SpecObjectives = objectives;
    }

    /// <summary>Full path of the dataset directory.</summary>
    public string Directory { get; }

    public string Name { get; }

    /// <summary>The spec as sweep.json resolved it (a detached copy).</summary>
    public JsonElement Spec { get; }

    /// <summary>sweep.json's counts (configurations, rows, shards, rows meeting constraints, Pareto rows), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counts { get; }

    public IReadOnlyList<ReportObjective> SpecObjectives { get; }

    /// <summary>The result files as a DuckDB <c>read_parquet</c> glob.</summary>
    public string ResultsGlob => Path.Combine(Directory, "results", "*.parquet");

    /// <summary>A count from sweep.json, or null when it has none of that name.</summary>
    public long? Count(string name) => Counts.Where(c => c.Key == name).Select(c => (long?)c.Value).FirstOrDefault();

    public static FinishedDataset Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new EngineInputException($"dataset directory '{directory}' does not exist");
        }

        var results = Path.Combine(full, "results");
        if (!System.IO.Directory.Exists(results) || !System.IO.Directory.EnumerateFiles(results, "*.parquet").Any())
        {
            throw new EngineInputException($"'{directory}' is not a LifeSweep dataset: it has no results/*.parquet files");
        }

        if (!File.Exists(Path.Combine(full, "_SUCCESS")))
        {
            throw new EngineInputException($"'{directory}' is not a finished dataset: no _SUCCESS (rerun the same `life-sweep run` to finish it)");
        }

        var sweepJson = Path.Combine(full, "sweep.json");
        if (!File.Exists(sweepJson))
        {
            throw new EngineInputException($"'{directory}' is not a finished dataset: no sweep.json");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(sweepJson));
            var root = document.RootElement;
            var spec = root.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object
                ? s.Clone()
                : throw new EngineInputException($"{sweepJson}: has no \"spec\" object");
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(full);
            var counts = new List<KeyValuePair<string, long>>();
            if (root.TryGetProperty("counts", out var c) && c.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in c.EnumerateObject())
                {
                    if (property.Value.TryGetInt64(out var value))
                    {
                        counts.Add(new(property.Name, value));
                    }
                }
            }

            return new FinishedDataset(full, name, spec, counts, Objectives(spec, sweepJson));
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"{sweepJson}: not valid JSON ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new EngineInputException($"{sweepJson}: cannot be read ({e.Message})", e);
        }
    }

    private static List<ReportObjective> Objectives(JsonElement spec, string file)
    {
        var objectives = new List<ReportObjective>();
        if (!spec.TryGetProperty("objectives", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return objectives;
        }

        foreach (var item in list.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.ToString();
            objectives.Add(ReportObjective.TryParse(text) ?? throw new EngineInputException($"{file}: spec objective '{text}' is not min:COLUMN or max:COLUMN"));
        }

        return objectives;
    }
}
