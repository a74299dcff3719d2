using Life.Engine;
using Life.Engine.Calibration;
using Life.Engine.Catalog;
using Life.Engine.Lens;
using Life.Engine.Specs;

namespace Life.Sweep.Inputs;

/// <summary>
/// Resolves what users write for a device or a model, "NAME or FILE": a name of the
/// <see cref="BuiltInCatalog"/>, else a JSON file (a hardware file, whose bucketed profile file is
/// relative to it; a Hugging Face config.json). The engine resolves names only, this class reads the files.
/// </summary>
public sealed class CatalogReferences
{
    public CatalogReferences(BuiltInCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
    }

    public BuiltInCatalog Catalog { get; }

    /// <summary>The defaults the catalog (and every device read here) completes missing efficiencies with.</summary>
    public EfficiencyDefaults Defaults => Catalog.Defaults;

    /// <summary>A catalog id or alias (case-insensitive), or a path to a hardware JSON file.</summary>
    public HardwareSpec ResolveHardware(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (Catalog.TryFindHardware(reference, out var spec))
        {
            return spec;
        }

        return LooksLikePath(reference) ? ReadHardwareFile(reference) : Catalog.ResolveHardware(reference);
    }

    /// <summary>A catalog id or alias (case-insensitive), a Hugging Face name of a catalog model, or a path to a config.json.</summary>
    public ModelSpec ResolveModel(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (Catalog.TryFindModel(reference, out var spec))
        {
            return spec;
        }

        // A Hugging Face repository name ("meta-llama/Llama-2-7b-hf") has a slash but is not a path.
        var isFile = reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(reference);
        if (!isFile && Catalog.TryGetModel(reference, out spec))
        {
            return spec;
        }

        if (!LooksLikePath(reference))
        {
            return Catalog.ResolveModel(reference);
        }

        var id = Path.GetFileNameWithoutExtension(reference);
        if (id == "config")
        {
            id = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(reference))) ?? id;
        }

        return ModelConfigParser.Parse(EngineFiles.ReadText(reference, e => $"model config file '{reference}' cannot be read ({e.Message})"), id, reference);
    }

    /// <summary>A hardware JSON file; a profile file it names is relative to the file's directory.</summary>
    public HardwareSpec ReadHardwareFile(string path)
    {
        var json = EngineFiles.ReadText(path, e => $"hardware file '{path}' cannot be read ({e.Message})");
        return HardwareJson.Parse(json, path, Defaults, ProfilesRelativeTo(Path.GetDirectoryName(Path.GetFullPath(path))));
    }

    /// <summary>Hardware JSON given inline (e.g. in a sweep spec); a profile file it names is relative to <paramref name="baseDirectory"/>.</summary>
    public HardwareSpec ParseHardware(string json, string source, string? baseDirectory) =>
        HardwareJson.Parse(json, source, Defaults, ProfilesRelativeTo(baseDirectory));

    /// <summary>Reads LENS profile files named in hardware JSON: absolute, or relative to <paramref name="baseDirectory"/>.</summary>
    public static Func<string, BucketProfile> ProfilesRelativeTo(string? baseDirectory) =>
        path => EngineFiles.ReadProfile(Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path));

    private static bool LooksLikePath(string reference) =>
        reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || reference.Contains('/', StringComparison.Ordinal) || File.Exists(reference);
}
