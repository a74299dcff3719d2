using System.Collections.Concurrent;
using System.Text.Json;
using Life.Engine.Calibration;
using Life.Engine.Resources;
using Life.Engine.Specs;

namespace Life.Engine.Catalog;

/// <summary>
/// The built-in hardware and model catalogs (data/ in the repository, embedded in this assembly),
/// looked up by name. Hardware entries that leave efficiencies out take them from the
/// <see cref="EfficiencyDefaults"/> the catalog was made with; entries are parsed on first use, once
/// per instance. Names only: resolving "NAME or FILE" and reading files is the host's business.
/// </summary>
public sealed class BuiltInCatalog
{
    private readonly Lazy<IReadOnlyDictionary<string, CatalogEntry<HardwareSpec>>> _hardwareEntries;
    private readonly Lazy<IReadOnlyDictionary<string, CatalogEntry<ModelSpec>>> _modelEntries;
    private readonly ConcurrentDictionary<string, string?> _looseHardwareNames = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyDictionary<string, CatalogEntry<ModelSpec>?>> _modelKeys;

    public BuiltInCatalog(EfficiencyDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        Defaults = defaults;
        _hardwareEntries = new(LoadHardware);
        _modelEntries = new(LoadModels);
        _modelKeys = new(() => KeysOf(_modelEntries.Value));
    }

    /// <summary>The shipped catalogs under the shipped defaults (data/efficiency/defaults.json), a new instance.</summary>
    public static BuiltInCatalog LoadShipped() => new(EfficiencyDefaults.LoadShipped());

    /// <summary>The defaults the hardware entries were completed with.</summary>
    public EfficiencyDefaults Defaults { get; }

    /// <summary>Hardware entries by id, in id order.</summary>
    public IReadOnlyList<CatalogEntry<HardwareSpec>> Hardware => Distinct(_hardwareEntries.Value);

    /// <summary>Model entries by id, in id order.</summary>
    public IReadOnlyList<CatalogEntry<ModelSpec>> Models => Distinct(_modelEntries.Value);

    /// <summary>A catalog id or alias (case-insensitive), nothing looser.</summary>
    public bool TryFindHardware(string idOrAlias, out HardwareSpec spec)
    {
        ArgumentNullException.ThrowIfNull(idOrAlias);
        var found = _hardwareEntries.Value.TryGetValue(idOrAlias, out var entry);
        spec = found ? entry!.Spec : default;
        return found;
    }

    /// <summary>A catalog id or alias (case-insensitive), else bad input naming the catalog command.</summary>
    public HardwareSpec ResolveHardware(string idOrAlias) =>
        TryFindHardware(idOrAlias, out var spec)
            ? spec
            : throw new EngineInputException($"unknown hardware '{idOrAlias}' (see `life-sweep catalog hardware`, or give a JSON file)");

    /// <summary>
    /// A catalog entry by id or alias (case-insensitive), else the one entry a free-form device name
    /// means (<see cref="HardwareNameMatcher"/>: "NVIDIA GeForce RTX 4090" is rtx-4090).
    /// </summary>
    public bool TryGetHardware(string name, out HardwareSpec spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_hardwareEntries.Value.TryGetValue(name.Trim(), out var entry)
            && _looseHardwareNames.GetOrAdd(name, n => HardwareNameMatcher.Match(n, _hardwareEntries.Value.Select(e => (e.Key, e.Value.Id)))) is { } id)
        {
            entry = _hardwareEntries.Value[id];
        }

        spec = entry is null ? default : entry.Spec;
        return entry is not null;
    }

    /// <summary>A catalog model by id or alias (case-insensitive), nothing looser.</summary>
    public bool TryFindModel(string idOrAlias, out ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(idOrAlias);
        var found = _modelEntries.Value.TryGetValue(idOrAlias, out var entry);
        spec = found ? entry!.Spec : default;
        return found;
    }

    /// <summary>
    /// A catalog model by id or alias (case-insensitive), else by its <see cref="ModelNameKey"/> when one
    /// entry alone has it ("Meta-Llama-3-8B-Instruct" is llama-3-8b).
    /// </summary>
    public bool TryGetModel(string name, out ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_modelEntries.Value.TryGetValue(name.Trim(), out var entry))
        {
            _modelKeys.Value.TryGetValue(ModelNameKey.Of(name), out entry);
        }

        spec = entry is null ? default : entry.Spec;
        return entry is not null;
    }

    /// <summary>
    /// A catalog model by id or alias, else (for a name that is not a .json file name) by its
    /// <see cref="ModelNameKey"/>: a Hugging Face repository name ("meta-llama/Llama-2-7b-hf") is a
    /// name, not a path. Else bad input naming the catalog command.
    /// </summary>
    public ModelSpec ResolveModel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryFindModel(name, out var spec))
        {
            return spec;
        }

        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && _modelKeys.Value.TryGetValue(ModelNameKey.Of(name), out var keyed) && keyed is not null)
        {
            return keyed.Spec;
        }

        throw new EngineInputException($"unknown model '{name}' (see `life-sweep catalog models`, or give a config.json path)");
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

    private IReadOnlyDictionary<string, CatalogEntry<HardwareSpec>> LoadHardware() =>
        Load("catalog/hardware/", (json, name) =>
        {
            using var document = JsonDocument.Parse(json);
            var spec = HardwareJson.Read(document.RootElement, name, Defaults);
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
        var entries = new Dictionary<string, CatalogEntry<T>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in typeof(BuiltInCatalog).Assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var entry = read(EmbeddedText.Read(name), name);
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
