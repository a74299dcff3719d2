using System.Text.Json;
using Life.Engine.Validation;

namespace Life.SweepClient.Output;

/// <summary>
/// The `validate --json` object of interfaces.md, plus the counts of invalid layouts and rows that do
/// not fit, the skipped and invalid reasons, the multi-device, batch ≥ 64 and at-rate slices and an optional baseline.
/// </summary>
internal static class ValidationJson
{
    public static void Write(TextWriter output, ValidationResult result, ValidationResult? baseline)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteBody(json, result);
            WriteReasons(json, "skipped_reasons", result.Skipped.Where(s => s.Kind != SkipKind.InvalidLayout));
            WriteReasons(json, "invalid_reasons", result.Skipped.Where(s => s.Kind == SkipKind.InvalidLayout));
            if (baseline is not null)
            {
                json.WriteStartObject("baseline_life");
                WriteBody(json, baseline);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteBody(Utf8JsonWriter json, ValidationResult result)
    {
        // rows: forecast rows (not_fitting and saturated ones kept out of the statistics); skipped: rows not
        // forecast for a missing or unknown input; invalid: rows whose layout the model cannot take.
        json.WriteNumber("rows", result.Rows.Count);
        json.WriteNumber("skipped", result.Skipped.Count - result.Invalid);
        json.WriteNumber("invalid", result.Invalid);
        json.WriteNumber("not_fitting", result.NotFitting);
        json.WriteNumber("saturated", result.Saturated);
        WriteMetrics(json, result.Metrics, result.Overall);
        json.WriteStartObject("slices");
        foreach (var slice in ValidationSlice.Of(result))
        {
            json.WriteStartObject(slice.Name);
            WriteMetrics(json, slice.Metrics, slice.Overall);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter json, IReadOnlyDictionary<string, ErrorStatistics> metrics, ErrorStatistics overall)
    {
        json.WriteStartObject("metrics");
        foreach (var (metric, stats) in metrics)
        {
            json.WritePropertyName(metric);
            WriteStats(json, stats);
        }

        json.WriteEndObject();
        json.WritePropertyName("overall");
        WriteStats(json, overall);
    }

    private static void WriteStats(Utf8JsonWriter json, ErrorStatistics stats)
    {
        json.WriteStartObject();
        json.WriteNumber("rows", stats.Rows);
        if (stats.Rows > 0)
        {
            json.WriteNumber("median_ape", stats.MedianApe);
            json.WriteNumber("mean_ape", stats.MeanApe);
        }
        else
        {
            json.WriteNull("median_ape");
            json.WriteNull("mean_ape");
        }

        json.WriteEndObject();
    }

    private static void WriteReasons(Utf8JsonWriter json, string name, IEnumerable<SkippedMeasurement> rows)
    {
        json.WriteStartArray(name);
        foreach (var group in rows.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()))
        {
            json.WriteStartObject();
            json.WriteString("reason", group.Key);
            json.WriteNumber("rows", group.Count());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
