using System.Text.Json;
using Life.Engine;
using Life.Sweep.Specs;

namespace Life.Sweep.Datasets;

/// <summary>
/// What a dataset says about the sweep that made it: the spec's name, hash and objectives, read
/// from the canonical spec JSON (the results' key-value metadata or sweep.json) without
/// re-resolving the spec, so a dataset stays readable when the catalog changes.
/// </summary>
internal sealed record DatasetSpec(string Name, string? Hash, IReadOnlyList<Objective> Objectives)
{
    public static DatasetSpec? FromSweepJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var hash = root.TryGetProperty("spec_sha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            return Parse(spec.GetRawText(), path, hash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineInputException($"{path}: cannot be read ({e.Message})", e);
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"{path}: not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>The spec in <paramref name="json"/> (canonical spec JSON); <paramref name="source"/> names where it came from in errors.</summary>
    public static DatasetSpec Parse(string json, string source, string? hash)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"{source}: the spec is not valid JSON ({e.Message})", e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EngineInputException($"{source}: the spec is not a JSON object");
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "sweep";
        var objectives = new List<Objective>();
        if (root.TryGetProperty("objectives", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                objectives.Add(Objective.TryParse(text)
                    ?? throw new EngineInputException($"{source}: objectives[{i}] '{text}' is not min:METRIC or max:METRIC"));
                i++;
            }
        }

        return new DatasetSpec(name, hash, objectives);
    }
}
