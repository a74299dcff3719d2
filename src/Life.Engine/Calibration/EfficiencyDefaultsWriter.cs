using System.Text.Json;
using Life.Engine.Catalog;
using Life.Engine.Specs;
using Life.Engine.Validation;

namespace Life.Engine.Calibration;

/// <summary>
/// Writes fitted defaults as data/efficiency/defaults.json, with the evidence behind each entry:
/// which measurements (files, devices, row counts) it was fitted on, or that it has none and comes
/// from the levels above it; and the fit's error before and after, per file and metric.
/// </summary>
public static class EfficiencyDefaultsWriter
{
    public static string Write(EfficiencyDefaults defaults, IReadOnlyList<PreparedMeasurement> rows, IReadOnlyList<string> files, DefaultsFitReport report)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "lifesweep-efficiency-defaults/1");
            json.WriteString("how", "life-sweep calibrate --defaults <files> -o data/efficiency/defaults.json: hierarchical fit (global + class + vendor + vendor/class offsets in log space, pulled toward zero), absolute log error, experiments weighted 1/sqrt(rows)");
            json.WriteStartArray("fitted_from");
            foreach (var file in files)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
            json.WriteStartObject("fit");
            json.WriteNumber("rows", rows.Count);
            json.WriteNumber("experiments", rows.Select(RobustLogLoss.ExperimentKey).Distinct().Count());
            json.WriteNumber("loss_start", Math.Round(report.LossStart, 5));
            json.WriteNumber("loss_fitted", Math.Round(report.LossFitted, 5));
            json.WriteStartObject("median_ape_percent");
            foreach (var (name, before, after) in report.MedianApe)
            {
                json.WriteStartObject(name);
                json.WriteNumber("before", Math.Round(before, 2));
                json.WriteNumber("after", Math.Round(after, 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("devices");
            foreach (var (key, e) in defaults.Devices.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(key);
                json.WriteNumber("compute_efficiency", Math.Round(e.ComputeEfficiency, 4));
                json.WriteNumber("memory_efficiency", Math.Round(e.MemoryEfficiency, 4));
                json.WriteNumber("dispatch_us", Math.Round(e.DispatchUs, 3));
                json.WriteNumber("half_efficiency_tokens", Math.Round(e.HalfEfficiencyTokens, 3));
                json.WriteNumber("overlap", Math.Round(e.Overlap, 4));
                var matching = rows.Where(r => Matches(key, r.RawHardware)).ToList();
                if (matching.Count == 0 && PriorFor(key) is { } prior)
                {
                    json.WriteStartObject("evidence");
                    json.WriteNumber("rows", 0);
                    json.WriteString("note", prior);
                    json.WriteEndObject();
                }
                else
                {
                    WriteEvidence(json, matching, key);
                }
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("frameworks");
            foreach (var (key, f) in defaults.Frameworks.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(key);
                json.WriteNumber("compute_factor", Math.Round(f.Compute, 4));
                json.WriteNumber("memory_factor", Math.Round(f.Memory, 4));
                json.WriteNumber("dispatch_factor", Math.Round(f.Dispatch, 4));
                json.WriteNumber("collective_latency_us", Math.Round(f.CollectiveLatencyUs, 3));
                json.WriteNumber("attention_factor", Math.Round(f.Attention, 4));
                json.WriteNumber("attention_memory_factor", Math.Round(f.AttentionMemory, 4));
                WriteEvidence(json, rows.Where(r => FrameworkProfile.Name(r.Framework) == key).ToList(), key == DefaultsFitter.Reference ? "reference framework: factors fixed at 1" : key);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("formats");
            foreach (var (format, scales) in defaults.Formats.OrderBy(kv => kv.Key))
            {
                json.WriteStartObject(WeightFormats.Name(format));
                json.WriteNumber("compute_scale", Math.Round(scales.Compute, 4));
                json.WriteNumber("memory_scale", Math.Round(scales.Memory, 4));
                WriteEvidence(json, rows.Where(r => WeightFormats.Of(r.Measurement.WeightBits) == format).ToList(), WeightFormats.Name(format));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string? PriorFor(string key)
    {
        var classKey = key.Contains('/', StringComparison.Ordinal) ? key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..] : key;
        foreach (var deviceClass in Enum.GetValues<DeviceClass>())
        {
            if (HardwareJson.FormatDeviceClass(deviceClass) == classKey && ClassPriors.For(deviceClass) is { } prior)
            {
                return prior.Evidence;
            }
        }

        return null;
    }

    private static bool Matches(string key, in HardwareSpec hardware)
    {
        if (key == EfficiencyDefaults.GlobalKey)
        {
            return true;
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? HardwareJson.FormatDeviceClass(hardware.DeviceClass) == key
            : key == EfficiencyDefaults.GroupKey(hardware.DeviceClass, hardware.Vendor);
    }

    private static void WriteEvidence(Utf8JsonWriter json, List<PreparedMeasurement> rows, string what)
    {
        json.WriteStartObject("evidence");
        json.WriteNumber("rows", rows.Count);
        if (rows.Count == 0)
        {
            json.WriteString("note", $"no measurements for {what}: the value is the sum of the fitted levels above it (global, class, vendor)");
        }
        else
        {
            json.WriteStartArray("devices");
            foreach (var device in rows.Select(r => r.RawHardware.Id).Distinct().Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(device);
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in rows.Select(r => Path.GetFileName(r.Measurement.File)).Distinct().Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
