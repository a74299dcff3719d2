using System.Text.Json;
using Life.Engine.Validation;

namespace Life.SweepClient.Output;

/// <summary>`validate --report FILE.json`: the CSV report's rows as an array of objects, written atomically.</summary>
internal static class ValidationReportJson
{
    public static void Write(string path, ValidationResult result)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                WriteInputs(json, row.Measurement);
                json.WriteNumber("tp", row.Prepared.Deployment.TensorParallel);
                json.WriteNumber("pp", row.Prepared.Deployment.PipelineParallel);
                json.WriteNumber("ep", row.Prepared.Deployment.ExpertParallel);
                if (double.IsFinite(row.Predicted))
                {
                    json.WriteNumber("predicted", row.Predicted);
                    json.WriteNumber("error_pct", row.ErrorPercent);
                    json.WriteNumber("ape_pct", row.Ape);
                }
                else
                {
                    // A saturated rate row's latencies are +∞.
                    json.WriteNull("predicted");
                }

                json.WriteBoolean("fits", row.Fits);
                json.WriteBoolean("saturated", row.Saturated);
                json.WriteEndObject();
            }

            foreach (var skipped in result.Skipped)
            {
                json.WriteStartObject();
                WriteInputs(json, skipped.Measurement);
                json.WriteString("skipped_reason", Reason(skipped));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The reason as reported: an invalid layout says so, so it is told apart from a missing input.</summary>
    public static string Reason(SkippedMeasurement skipped) =>
        skipped.Kind == SkipKind.InvalidLayout ? "invalid layout: " + skipped.Reason : skipped.Reason;

    private static void WriteInputs(Utf8JsonWriter json, Measurement m)
    {
        json.WriteString("file", Path.GetFileName(m.File));
        json.WriteNumber("line", m.Line);
        json.WriteString("hardware", m.Hardware);
        json.WriteString("framework", m.Framework);
        json.WriteString("model", m.Model);
        json.WriteNumber("weight_bits", m.WeightBits);
        json.WriteNumber("devices", m.Devices);
        json.WriteNumber("batch", m.Batch);
        if (!double.IsNaN(m.Qps))
        {
            json.WriteNumber("qps", m.Qps);
        }

        if (m.InputTokens is { } input)
        {
            json.WriteNumber("input_tokens", input);
        }

        if (m.OutputTokens is { } output)
        {
            json.WriteNumber("output_tokens", output);
        }

        json.WriteString("metric", MeasuredMetrics.Name(m.Metric));
        json.WriteNumber("measured", m.Value);
    }
}
