using System.Text.Json;
using Life.Engine.Validation;

namespace Life.SweepClient.Output;

/// <summary>The `validate --json` object of interfaces.md, plus the skipped reasons and an optional baseline.</summary>
internal static class ValidationJson
{
    public static void Write(TextWriter output, ValidationResult result, ValidationResult? baseline)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteBody(json, result);
            json.WriteStartArray("skipped_reasons");
            foreach (var group in result.Skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()))
            {
                json.WriteStartObject();
                json.WriteString("reason", group.Key);
                json.WriteNumber("rows", group.Count());
                json.WriteEndObject();
            }

            json.WriteEndArray();
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
        json.WriteNumber("rows", result.Rows.Count);
        json.WriteNumber("skipped", result.Skipped.Count);
        json.WriteStartObject("metrics");
        foreach (var (metric, stats) in result.Metrics)
        {
            json.WritePropertyName(metric);
            WriteStats(json, stats);
        }

        json.WriteEndObject();
        json.WritePropertyName("overall");
        WriteStats(json, result.Overall);
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
}
