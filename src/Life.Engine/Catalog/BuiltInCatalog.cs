using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Life.Engine.Specs;

namespace Life.Engine.Catalog;

/// <summary>
/// The built-in hardware and model catalogs (data/ in the repository, embedded in this assembly), and
/// resolution of user references: a catalog id or alias, or a path to a JSON file.
/// </summary>
public static class BuiltInCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, CatalogEntry<HardwareSpec>>> HardwareEntries = new(LoadHardware);
    private static readonly Lazy<IReadOnlyDictionary<string, CatalogEntry<ModelSpec>>> ModelEntries = new(LoadModels);
    private static readonly ConcurrentDictionary<string, string?> LooseHardwareNames = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyDictionary<string, CatalogEntry<ModelSpec>?>> ModelKeys = new(() => KeysOf(ModelEntries.Value));

    /// <summary>Hardware entries by id, in id order.</summary>
    public static IReadOnlyList<CatalogEntry<HardwareSpec>> Hardware => Distinct(HardwareEntries.Value);

    /// <summary>Model entries by id, in id order.</summary>
    public static IReadOnlyList<CatalogEntry<ModelSpec>> Models => Distinct(ModelEntries.Value);

    /// <summary>A catalog id or alias (case-insensitive), or a path to a hardware JSON file.</summary>
    public static HardwareSpec ResolveHardware(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (HardwareEntries.Value.TryGetValue(reference, out var entry))
        {
            return entry.Spec;
        }

        if (LooksLikePath(reference))
        {
            return HardwareJson.Parse(ReadFile(reference, "hardware"), reference);
        }

        throw new EngineInputException($"unknown hardware '{reference}' (see `life-sweep catalog hardware`, or give a JSON file)");
    }

    /// <summary>
    /// A catalog entry by id or alias (case-insensitive), else the one entry a free-form device name
    /// means (<see cref="HardwareNameMatcher"/>: "NVIDIA GeForce RTX 4090" is rtx-4090); no file lookup.
    /// </summary>
    public static bool TryGetHardware(string name, out HardwareSpec spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!HardwareEntries.Value.TryGetValue(name.Trim(), out var entry)
            && LooseHardwareNames.GetOrAdd(name, n => HardwareNameMatcher.Match(n, HardwareEntries.Value.Select(e => (e.Key, e.Value.Id)))) is { } id)
        {
            entry = HardwareEntries.Value[id];
        }

        spec = entry is null ? default : entry.Spec;
        return entry is not null;
    }

    /// <summary>
    /// A catalog model by id or alias (case-insensitive), else by its <see cref="ModelNameKey"/> when one
    /// entry alone has it ("Meta-Llama-3-8B-Instruct" is llama-3-8b); no file lookup.
    /// </summary>
    public static bool TryGetModel(string name, out ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ModelEntries.Value.TryGetValue(name.Trim(), out var entry))
        {
            ModelKeys.Value.TryGetValue(ModelNameKey.Of(name), out entry);
        }

        spec = entry is null ? default : entry.Spec;
        return entry is not null;
    }

    /// <summary>A catalog id or alias (case-insensitive), or a path to a Hugging Face config.json.</summary>
    public static ModelSpec ResolveModel(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (ModelEntries.Value.TryGetValue(reference, out var entry))
        {
            return entry.Spec;
        }

        // A Hugging Face repository name ("meta-llama/Llama-2-7b-hf") has a slash but is not a path.
        var isFile = reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(reference);
        if (!isFile && ModelKeys.Value.TryGetValue(ModelNameKey.Of(reference), out var keyed) && keyed is not null)
        {
            return keyed.Spec;
        }

        if (LooksLikePath(reference))
        {
            var id = Path.GetFileNameWithoutExtension(reference);
            if (id == "config")
            {
                id = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(reference))) ?? id;
            }

            return ModelConfigParser.Parse(ReadFile(reference, "model config"), id, reference);
        }

        throw new EngineInputException($"unknown model '{reference}' (see `life-sweep catalog models`, or give a config.json path)");
    }

    private static bool LooksLikePath(string reference) =>
        reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || reference.Contains('/', StringComparison.Ordinal) || File.Exists(reference);

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineInputException($"{what} file '{path}' cannot be read ({e.Message})", e);
        }
    }

    private static IReadOnlyList<CatalogEntry<T>> Distinct<T>(IReadOnlyDictionary<string, CatalogEntry<T>> entries)
        where T : struct
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<CatalogEntry<T>>();
        foreach (var entry in entries.Values)
        {
            if (seen.Add(entry.Id))
            {
                list.Add(entry);
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return list;
    }

    // Keys shared by two entries map to null: a loose name that could mean either resolves to neither.
    internal static Dictionary<string, CatalogEntry<T>?> KeysOf<T>(IReadOnlyDictionary<string, CatalogEntry<T>> entries)
        where T : struct
    {
        var keys = new Dictionary<string, CatalogEntry<T>?>(StringComparer.Ordinal);
        foreach (var (name, entry) in entries)
        {
            var key = ModelNameKey.Of(name);
            if (keys.TryGetValue(key, out var existing))
            {
                if (existing is not null && existing.Id != entry.Id)
                {
                    keys[key] = null;
                }
            }
            else
            {
                keys[key] = entry;
            }
        }

        return keys;
    }

    private static IReadOnlyDictionary<string, CatalogEntry<HardwareSpec>> LoadHardware() =>
        Load("catalog/hardware/", (json, name) =>
        {
            using var document = JsonDocument.Parse(json);
            var spec = HardwareJson.Read(document.RootElement, name);
            return new CatalogEntry<HardwareSpec>(spec.Id, spec, Aliases(document.RootElement), Sources(document.RootElement));
        });

    private static IReadOnlyDictionary<string, CatalogEntry<ModelSpec>> LoadModels() =>
        Load("catalog/models/", (json, name) =>
        {
            using var document = JsonDocument.Parse(json);
            var id = Path.GetFileNameWithoutExtension(name);
            var spec = ModelConfigParser.Parse(json, id, name);
            var source = document.RootElement.TryGetProperty("_source", out var s) ? s.GetString() ?? string.Empty : string.Empty;
            var sources = new Dictionary<string, string>(StringComparer.Ordinal) { ["config.json"] = source };
            return new CatalogEntry<ModelSpec>(id, spec, Aliases(document.RootElement), sources);
        });

    private static Dictionary<string, CatalogEntry<T>> Load<T>(string prefix, Func<string, string, CatalogEntry<T>> read)
        where T : struct
    {
        var assembly = typeof(BuiltInCatalog).Assembly;
        var entries = new Dictionary<string, CatalogEntry<T>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var entry = read(ReadResource(assembly, name), name);
            if (!entries.TryAdd(entry.Id, entry))
            {
                throw new InvalidOperationException($"catalog id '{entry.Id}' appears twice");
            }

            foreach (var alias in entry.Aliases)
            {
                if (!entries.TryAdd(alias, entry))
                {
                    throw new InvalidOperationException($"catalog alias '{alias}' is ambiguous");
                }
            }
        }

        return entries;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<string> Aliases(JsonElement root)
    {
        var aliases = new List<string>();
        if (root.TryGetProperty("aliases", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var alias in array.EnumerateArray())
            {
                aliases.Add(alias.GetString() ?? string.Empty);
            }
        }

        return aliases;
    }

    private static Dictionary<string, string> Sources(JsonElement root)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("sources", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in map.EnumerateObject())
            {
                sources[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
            }
        }

        return sources;
    }
}
