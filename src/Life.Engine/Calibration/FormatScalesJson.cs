using System.Text;
using System.Text.Json;

namespace Life.Engine.Calibration;

/// <summary>
/// The weight-format scales of a set of defaults as one compact JSON object, formats in name order:
/// <c>{"integer-group":{"compute_scale":…,"memory_scale":…},…}</c>. The form is canonical (same
/// scales, same text), so a sweep can put it into its hash and compare it when a spec is read back.
/// </summary>
public static class FormatScalesJson
{
    public static string Write(EfficiencyDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (format, scales) in defaults.Formats.OrderBy(f => WeightFormats.Name(f.Key), StringComparer.Ordinal))
            {
                json.WriteStartObject(WeightFormats.Name(format));
                json.WriteNumber("compute_scale", scales.Compute);
                json.WriteNumber("memory_scale", scales.Memory);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
