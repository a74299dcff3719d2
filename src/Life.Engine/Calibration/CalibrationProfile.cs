using System.Globalization;
using System.Text.Json;

namespace Life.Engine.Calibration;

/// <summary>
/// The output of <c>life-sweep calibrate</c>: fitted efficiencies per device (and framework), which
/// <c>predict</c>, <c>validate</c> and sweeps accept (<c>--efficiency PROFILE.json</c>).
/// </summary>
public sealed class CalibrationProfile
{
    public CalibrationProfile(IReadOnlyList<DeviceCalibration> devices)
    {
        Devices = devices;
    }

    public IReadOnlyList<DeviceCalibration> Devices { get; }

    /// <summary>The entry for a device under a framework: an exact framework match first, then a framework-agnostic one.</summary>
    public DeviceCalibration? Find(string hardware, string? framework)
    {
        DeviceCalibration? any = null;
        foreach (var entry in Devices)
        {
            if (!string.Equals(entry.Hardware, hardware, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (entry.Framework is not null && framework is not null && string.Equals(entry.Framework, framework, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }

            if (entry.Framework is null)
            {
                any = entry;
            }
        }

        return any;
    }

    public static CalibrationProfile Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("devices", out var devices) || devices.ValueKind != JsonValueKind.Array)
            {
                throw new EngineInputException($"efficiency profile '{source}': expected {{\"devices\": [...]}}");
            }

            var entries = new List<DeviceCalibration>();
            var index = 0;
            foreach (var d in devices.EnumerateArray())
            {
                var where = $"efficiency profile '{source}': devices[{index++}]";
                var hardware = d.TryGetProperty("hardware", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : throw new EngineInputException($"{where}: missing 'hardware'");
                var framework = d.TryGetProperty("framework", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                entries.Add(new DeviceCalibration(
                    hardware,
                    framework,
                    Fraction(d, "compute_efficiency", where),
                    Fraction(d, "memory_efficiency", where),
                    NonNegative(d, "dispatch_us", where),
                    d.TryGetProperty("rows", out var rows) ? rows.GetInt32() : 0,
                    d.TryGetProperty("median_ape_before", out var before) && before.ValueKind == JsonValueKind.Number ? before.GetDouble() : double.NaN,
                    d.TryGetProperty("median_ape_after", out var after) && after.ValueKind == JsonValueKind.Number ? after.GetDouble() : double.NaN));
            }

            return new CalibrationProfile(entries);
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"efficiency profile '{source}': not valid JSON ({e.Message})", e);
        }
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "lifesweep-efficiency-profile/1");
            json.WriteStartArray("devices");
            foreach (var d in Devices)
            {
                json.WriteStartObject();
                json.WriteString("hardware", d.Hardware);
                if (d.Framework is not null)
                {
                    json.WriteString("framework", d.Framework);
                }

                json.WriteNumber("compute_efficiency", Math.Round(d.ComputeEfficiency, 5));
                json.WriteNumber("memory_efficiency", Math.Round(d.MemoryEfficiency, 5));
                json.WriteNumber("dispatch_us", Math.Round(d.DispatchUs, 4));
                json.WriteNumber("rows", d.Rows);
                WriteNumber(json, "median_ape_before", d.MedianApeBefore);
                WriteNumber(json, "median_ape_after", d.MedianApeAfter);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Fraction(JsonElement element, string name, string where)
    {
        var value = NonNegative(element, name, where);
        return value > 0 && value <= 1 ? value : throw new EngineInputException($"{where}: {name} = {value.ToString(CultureInfo.InvariantCulture)} must be in (0, 1]");
    }

    private static double NonNegative(JsonElement element, string name, string where)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble()) && value.GetDouble() >= 0)
        {
            return value.GetDouble();
        }

        throw new EngineInputException($"{where}: '{name}' must be a non-negative number");
    }
}
