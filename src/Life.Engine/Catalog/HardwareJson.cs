using System.Globalization;
using System.Text.Json;
using Life.Engine.Calibration;
using Life.Engine.Lens;
using Life.Engine.Specs;

namespace Life.Engine.Catalog;

/// <summary>
/// Reads a hardware JSON object (catalog entry or user file) into a <see cref="HardwareSpec"/>. Fields
/// the object leaves out come from <c>defaults</c>; a bucketed device naming its profile file gets
/// it from <c>readProfile</c> (the host reads files, the engine does not).
/// </summary>
public static class HardwareJson
{
    public static HardwareSpec Parse(string json, string source, EfficiencyDefaults defaults, Func<string, BucketProfile>? readProfile = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Read(document.RootElement, source, defaults, readProfile);
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"hardware '{source}': not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// Reads a device. <c>"kind": "bucketed"</c> with <c>"profile"</c> (the profile object inline, or a
    /// LENS profile file that <paramref name="readProfile"/> reads as written) makes a bucketed device
    /// that needs no peaks.
    /// </summary>
    public static HardwareSpec Read(JsonElement root, string source, EfficiencyDefaults defaults, Func<string, BucketProfile>? readProfile = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EngineInputException($"hardware '{source}': expected a JSON object");
        }

        var id = String(root, "id", source) ?? Path.GetFileNameWithoutExtension(source);
        var deviceClass = ParseDeviceClass(String(root, "device_class", source), source);
        var vendorText = String(root, "vendor", source);
        var vendor = vendorText is null ? Vendors.Infer(id + " " + (String(root, "name", source) ?? string.Empty)) : Vendors.Parse(vendorText);
        var device = defaults.ForDevice(deviceClass, vendor);
        var spec = new HardwareSpec
        {
            Id = id,
            Name = String(root, "name", source) ?? id,
            DeviceClass = deviceClass,
            Vendor = vendor,
            Fp16Tflops = Number(root, "fp16_tflops", source) ?? Number(root, "tflops", source) ?? 0,
            Fp8Tflops = Number(root, "fp8_tflops", source) ?? 0,
            Int8Tops = Number(root, "int8_tops", source) ?? 0,
            Int4Tops = Number(root, "int4_tops", source) ?? 0,
            BandwidthGBs = Number(root, "bandwidth_gbs", source) ?? 0,
            MemoryGB = Number(root, "memory_gb", source) ?? 0,
            ComputeEfficiency = Number(root, "compute_efficiency", source) ?? device.ComputeEfficiency,
            MemoryEfficiency = Number(root, "memory_efficiency", source) ?? device.MemoryEfficiency,
            DispatchOverheadUs = Number(root, "dispatch_us", source) ?? device.DispatchUs,
            HalfEfficiencyTokens = Number(root, "half_efficiency_tokens", source) ?? device.HalfEfficiencyTokens,
            ComputeMemoryOverlap = Number(root, "overlap", source) ?? device.Overlap,
            PriceUsd = Number(root, "price_usd", source) ?? double.NaN,
            PriceUsdPerHour = Number(root, "price_usd_per_hour", source) ?? double.NaN,
            PowerW = Number(root, "power_w", source) ?? double.NaN,
            IdlePowerW = Number(root, "idle_power_w", source) ?? double.NaN,
            InterconnectGBs = Number(root, "interconnect_gbs", source) ?? 0,
            DevicesPerNode = (int)(Number(root, "devices_per_node", source) ?? 0),
            IntraNodeGBs = Number(root, "intra_node_gbs", source) ?? 0,
            IntraNodeLatencyUs = Number(root, "intra_node_latency_us", source) ?? 0,
            InterNodeGBs = Number(root, "inter_node_gbs", source) ?? 0,
            InterNodeLatencyUs = Number(root, "inter_node_latency_us", source) ?? 0,
            Buckets = ReadBuckets(root, source, readProfile),
        };
        spec.Validate();
        return spec;
    }

    private static BucketProfile? ReadBuckets(JsonElement root, string source, Func<string, BucketProfile>? readProfile)
    {
        var kind = String(root, "kind", source) ?? "roofline";
        if (kind == "roofline")
        {
            return null;
        }

        if (kind != "bucketed")
        {
            throw new EngineInputException($"hardware '{source}': kind '{kind}' is not one of roofline, bucketed");
        }

        if (!root.TryGetProperty("profile", out var profile))
        {
            throw new EngineInputException($"hardware '{source}': a bucketed device needs a 'profile' (a LENS profile file or object)");
        }

        if (profile.ValueKind == JsonValueKind.Object)
        {
            return BucketProfileJson.Read(profile, $"{source} profile");
        }

        var path = profile.GetString() ?? string.Empty;
        return readProfile is not null
            ? readProfile(path)
            : throw new EngineInputException($"hardware '{source}': profile '{path}' is a file, and profile files cannot be read here (give the profile object inline)");
    }

    public static DeviceClass ParseDeviceClass(string? text, string source) => text switch
    {
        null or "datacenter-gpu" => DeviceClass.DatacenterGpu,
        "consumer-gpu" => DeviceClass.ConsumerGpu,
        "unified-memory-gpu" => DeviceClass.UnifiedMemoryGpu,
        "cpu" => DeviceClass.Cpu,
        "npu" => DeviceClass.Npu,
        _ => throw new EngineInputException(
            $"hardware '{source}': device_class '{text}' is not one of datacenter-gpu, consumer-gpu, unified-memory-gpu, cpu, npu"),
    };

    public static string FormatDeviceClass(DeviceClass deviceClass) => deviceClass switch
    {
        DeviceClass.ConsumerGpu => "consumer-gpu",
        DeviceClass.UnifiedMemoryGpu => "unified-memory-gpu",
        DeviceClass.Cpu => "cpu",
        DeviceClass.Npu => "npu",
        _ => "datacenter-gpu",
    };

    private static string? String(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new EngineInputException($"hardware '{source}': field '{name}' is not a string (got {value.GetRawText()})");
    }

    private static double? Number(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new EngineInputException($"hardware '{source}': field '{name}' is not a number (got {value.GetRawText()})");
    }
}
