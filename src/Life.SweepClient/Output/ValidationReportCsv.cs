using System.Globalization;
using System.Text;
using Life.Engine.Validation;

namespace Life.SweepClient.Output;

/// <summary>`validate --report`: one row per measurement (predicted, measured, error; or why it was skipped), written atomically.</summary>
internal static class ValidationReportCsv
{
    public static void Write(string path, ValidationResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("file,line,source,hardware,framework,model,weight_bits,devices,batch,input_tokens,output_tokens,metric,measured,predicted,error_pct,ape_pct,skipped_reason");
        foreach (var row in result.Rows)
        {
            Append(text, row.Measurement, string.Create(CultureInfo.InvariantCulture, $"{row.Predicted:G9},{row.ErrorPercent:F3},{row.Ape:F3},"));
        }

        foreach (var skipped in result.Skipped)
        {
            Append(text, skipped.Measurement, ",,," + Quote(skipped.Reason));
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    private static void Append(StringBuilder text, Measurement m, string tail) =>
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Quote(Path.GetFileName(m.File))},{m.Line},{Quote(m.Source)},{Quote(m.Hardware)},{Quote(m.Framework)},{Quote(m.Model)},{m.WeightBits},{m.Devices},{m.Batch},{m.InputTokens},{m.OutputTokens},{MeasuredMetrics.Name(m.Metric)},{m.Value:G9},{tail}"));

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
