using Life.Engine.Catalog;
using Life.Engine.Specs;

namespace Life.Engine.Lens;

/// <summary>
/// A bucket profile is compiled for one model: timing another model with it would be silently wrong,
/// so callers check the pair once, when they resolve the configuration space, never per configuration.
/// </summary>
public static class BucketedModelCheck
{
    /// <summary>
    /// Why <paramref name="hardware"/>'s profile cannot time <paramref name="model"/>, or null when it can;
    /// <paramref name="catalog"/> knows which names are aliases of one model.
    /// </summary>
    public static string? Mismatch(in HardwareSpec hardware, ModelSpec model, BuiltInCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (hardware.Buckets is not { } buckets)
        {
            return null;
        }

        // A profile that names no model used to time any model; its latencies are only true for the one
        // it was measured with, so an unnamed profile times nothing.
        var profileModel = buckets.Model;
        if (profileModel is null)
        {
            return $"hardware '{hardware.Id}' is a bucketed device whose profile names no model: add the model it was measured with (\"model\" in the profile, or lens calibrate --model)";
        }

        if (Normalize(profileModel) == Normalize(model.Id))
        {
            return null;
        }

        // A catalog alias of the same model (e.g. its Hugging Face name) is the same model.
        if (catalog.TryGetModel(profileModel, out var named) && named.Id == model.Id)
        {
            return null;
        }

        return $"hardware '{hardware.Id}' is a bucketed device profiled for model '{profileModel}', not '{model.Id}'";
    }

    private static string Normalize(string name)
    {
        // "meta-llama/Llama-3.2-1B" and "llama-3.2-1b" name the same model.
        var slash = name.LastIndexOf('/');
        return (slash >= 0 ? name[(slash + 1)..] : name).ToLowerInvariant();
    }
}
