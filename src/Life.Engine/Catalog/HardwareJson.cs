using System.Globalization;
using System.Text.Json;
using Life.Engine.Specs;

namespace Life.Engine.Catalog;

/// <summary>Reads a hardware JSON object (catalog entry or user file) into a <see cref="HardwareSpec"/>.</summary>
public static class HardwareJson
{
    public static HardwareSpec Parse(string json, string source, string? baseDirectory = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Read(document.RootElement, source, baseDirectory ?? (File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source)) : null));
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"hardware '{source}': not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// Reads a device. <c>"kind": "bucketed"</c> with <c>"profile"</c> (a LENS profile file, relative to
    /// <paramref name="baseDirectory"/>, or the profile object inline) makes a bucketed device that
    /// needs no peaks.
    /// </summary>
    public static HardwareSpec Read(JsonElement root, string source, string? baseDirectory = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EngineInputException($"hardware '{source}': expected a JSON object");
        }

        var id = String(root, "id", source) ?? Path.GetFileNameWithoutExtension(source);
        var deviceClass = ParseDeviceClass(String(root, "device_class", source), source);
        var vendorText = String(root, "vendor", source);
        var vendor = vendorText is null ? Vendors.Infer(id + " " + (String(root, "name", source) ?? string.Empty)) : Vendors.Parse(vendorText);
        var defaults = Calibration.EfficiencyDefaults.Current.ForDevice(deviceClass, vendor);
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
            ComputeEfficiency = Number(root, "compute_efficiency", source) ?? defaults.ComputeEfficiency,
            MemoryEfficiency = Number(root, "memory_efficiency", source) ?? defaults.MemoryEfficiency,
            DispatchOverheadUs = Number(root, "dispatch_us", source) ?? defaults.DispatchUs,
            HalfEfficiencyTokens = Number(root, "half_efficiency_tokens", source) ?? defaults.HalfEfficiencyTokens,
            ComputeMemoryOverlap = Number(root, "overlap", source) ?? defaults.Overlap,
            PriceUsd = Number(root, "price_usd", source) ?? double.NaN,
            PriceUsdPerHour = Number(root, "price_usd_per_hour", source) ?? double.NaN,
            PowerW = Number(root, "power_w", source) ?? double.NaN,
            InterconnectGBs = Number(root, "interconnect_gbs", source) ?? 0,
            DevicesPerNode = (int)(Number(root, "devices_per_node", source) ?? 0),
            IntraNodeGBs = Number(root, "intra_node_gbs", source) ?? 0,
            IntraNodeLatencyUs = Number(root, "intra_node_latency_us", source) ?? 0,
            InterNodeGBs = Number(root, "inter_node_gbs", source) ?? 0,
            InterNodeLatencyUs = Number(root, "inter_node_latency_us", source) ?? 0,
            Buckets = ReadBuckets(root, source, baseDirectory),
        };
        spec.Validate();
        return spec;
    }

    private static Lens.BucketProfile? ReadBuckets(JsonElement root, string source, string? baseDirectory)
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
            return Lens.BucketProfileJson.Read(profile, $"{source} profile");
        }

        var path = profile.GetString() ?? string.Empty;
        return Lens.BucketProfileJson.Load(Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path));
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
