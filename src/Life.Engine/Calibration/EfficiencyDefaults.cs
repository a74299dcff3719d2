using System.Text.Json;
using Life.Engine.Catalog;
using Life.Engine.Specs;

namespace Life.Engine.Calibration;

/// <summary>
/// The engine's default efficiencies: per device group (vendor and class), per framework, per weight
/// format. Fitted from the measurements in shared/validation/measurements/dev by
/// <see cref="DefaultsFitter"/> and stored, with the evidence of each fit, in
/// data/efficiency/defaults.json (embedded). Absent entries fall back to neutral values.
/// </summary>
public sealed class EfficiencyDefaults
{
    private readonly Lazy<string> _formatScalesJson;

    public EfficiencyDefaults(
        IReadOnlyDictionary<string, DeviceEfficiency> devices,
        IReadOnlyDictionary<string, FrameworkFactors> frameworks,
        IReadOnlyDictionary<WeightFormat, FormatScales> formats)
    {
        Devices = devices;
        Frameworks = frameworks;
        Formats = formats;
        _formatScalesJson = new Lazy<string>(() => FormatScalesJson.Write(this));
    }

    /// <summary>
    /// A new instance of the defaults shipped in data/efficiency/defaults.json (embedded). Each host
    /// loads its own and passes it down, so what a result was computed under is always explicit.
    /// </summary>
    public static EfficiencyDefaults LoadShipped() =>
        Resources.EmbeddedText.TryRead("efficiency/defaults.json") is { } json ? Parse(json, "data/efficiency/defaults.json") : BuiltIn;

    /// <summary>No fitted data: device-class starting points, neutral factors.</summary>
    public static EfficiencyDefaults BuiltIn { get; } = new(
        new Dictionary<string, DeviceEfficiency>(StringComparer.Ordinal),
        new Dictionary<string, FrameworkFactors>(StringComparer.Ordinal),
        new Dictionary<WeightFormat, FormatScales>());

    /// <summary>Keys "vendor/class" (e.g. "nvidia/consumer-gpu") or "class" (e.g. "cpu").</summary>
    public IReadOnlyDictionary<string, DeviceEfficiency> Devices { get; }

    /// <summary>Keys as <see cref="FrameworkProfile.Name"/> writes them.</summary>
    public IReadOnlyDictionary<string, FrameworkFactors> Frameworks { get; }

    public IReadOnlyDictionary<WeightFormat, FormatScales> Formats { get; }

    /// <summary>
    /// <see cref="Formats"/> in canonical JSON (<see cref="FormatScalesJson"/>): the part of these defaults
    /// that operator tables read, which a sweep's hash covers.
    /// </summary>
    public string FormatScalesCanonicalJson => _formatScalesJson.Value;

    /// <summary>The entry every device falls back to when neither its group nor its class was fitted.</summary>
    public const string GlobalKey = "default";

    public static string GroupKey(DeviceClass deviceClass, Vendor vendor) =>
        $"{Vendors.Name(vendor)}/{HardwareJson.FormatDeviceClass(deviceClass)}";

    public DeviceEfficiency ForDevice(DeviceClass deviceClass, Vendor vendor)
    {
        if (Devices.TryGetValue(GroupKey(deviceClass, vendor), out var exact))
        {
            return exact;
        }

        if (Devices.TryGetValue(HardwareJson.FormatDeviceClass(deviceClass), out var byClass))
        {
            return byClass;
        }

        if (Devices.TryGetValue(GlobalKey, out var global))
        {
            return global;
        }

        var fallback = DeviceClassDefaults.For(deviceClass);
        return new DeviceEfficiency(fallback.ComputeEfficiency, fallback.MemoryEfficiency, fallback.DispatchOverheadUs, 0);
    }

    public FrameworkFactors ForFramework(FrameworkKind framework) =>
        Frameworks.TryGetValue(FrameworkProfile.Name(framework), out var factors) ? factors
        : Frameworks.TryGetValue(FrameworkProfile.Name(FrameworkKind.Generic), out var generic) ? generic
        : FrameworkFactors.Neutral;

    public FormatScales ForWeights(double bits) =>
        Formats.TryGetValue(WeightFormats.Of(bits), out var scales) ? scales : FormatScales.Neutral;

    /// <summary>A device with this group's default efficiencies.</summary>
    public HardwareSpec WithDefaults(in HardwareSpec hardware)
    {
        var defaults = ForDevice(hardware.DeviceClass, hardware.Vendor);
        return hardware with
        {
            ComputeEfficiency = defaults.ComputeEfficiency,
            MemoryEfficiency = defaults.MemoryEfficiency,
            DispatchOverheadUs = defaults.DispatchUs,
            HalfEfficiencyTokens = defaults.HalfEfficiencyTokens,
            ComputeMemoryOverlap = defaults.Overlap,
        };
    }

    public static EfficiencyDefaults Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            var devices = new Dictionary<string, DeviceEfficiency>(StringComparer.Ordinal);
            if (root.TryGetProperty("devices", out var deviceMap))
            {
                foreach (var entry in deviceMap.EnumerateObject())
                {
                    var e = entry.Value;
                    devices[entry.Name] = new DeviceEfficiency(
                        Number(e, "compute_efficiency", source, entry.Name),
                        Number(e, "memory_efficiency", source, entry.Name),
                        Number(e, "dispatch_us", source, entry.Name),
                        e.TryGetProperty("half_efficiency_tokens", out var half) ? half.GetDouble() : 0,
                        e.TryGetProperty("overlap", out var overlap) ? overlap.GetDouble() : 1);
                }
            }

            var frameworks = new Dictionary<string, FrameworkFactors>(StringComparer.Ordinal);
            if (root.TryGetProperty("frameworks", out var frameworkMap))
            {
                foreach (var entry in frameworkMap.EnumerateObject())
                {
                    var e = entry.Value;
                    frameworks[entry.Name] = new FrameworkFactors(
                        Number(e, "compute_factor", source, entry.Name),
                        Number(e, "memory_factor", source, entry.Name),
                        Number(e, "dispatch_factor", source, entry.Name),
                        Number(e, "collective_latency_us", source, entry.Name),
                        e.TryGetProperty("attention_factor", out var attention) ? attention.GetDouble() : 1,
                        e.TryGetProperty("attention_memory_factor", out var attentionMemory) ? attentionMemory.GetDouble() : 1);
                }
            }

            var formats = new Dictionary<WeightFormat, FormatScales>();
            if (root.TryGetProperty("formats", out var formatMap))
            {
                foreach (var entry in formatMap.EnumerateObject())
                {
                    if (!WeightFormats.TryParse(entry.Name, out var format))
                    {
                        throw new EngineInputException($"{source}: unknown weight format '{entry.Name}'");
                    }

                    formats[format] = new FormatScales(Number(entry.Value, "compute_scale", source, entry.Name), Number(entry.Value, "memory_scale", source, entry.Name));
                }
            }

            return new EfficiencyDefaults(devices, frameworks, formats);
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"{source}: not valid JSON ({e.Message})", e);
        }
    }

    private static double Number(JsonElement element, string name, string source, string entry)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble()) && value.GetDouble() >= 0)
        {
            return value.GetDouble();
        }

        throw new EngineInputException($"{source}: '{entry}' needs a non-negative number '{name}'");
    }
}
