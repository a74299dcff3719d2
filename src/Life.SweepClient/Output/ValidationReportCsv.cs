using System.Globalization;
using System.Text;
using Life.Engine.Validation;

namespace Life.SweepClient.Output;

/// <summary>
/// `validate --report FILE.csv`: one row per measurement (its layout, predicted, measured, error and
/// whether the model fits; or why it was not forecast, an invalid layout named so), written atomically.
/// </summary>
internal static class ValidationReportCsv
{
    public static void Write(string path, ValidationResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("file,line,source,hardware,framework,model,weight_bits,devices,tp,pp,ep,batch,qps,input_tokens,output_tokens,metric,measured,predicted,error_pct,ape_pct,fits,saturated,skipped_reason");
        foreach (var row in result.Rows)
        {
            var d = row.Prepared.Deployment;
            // A saturated rate row's latencies are +∞: no number, the saturated column says why.
            var numbers = double.IsFinite(row.Predicted) ? string.Create(CultureInfo.InvariantCulture, $"{row.Predicted:G9},{row.ErrorPercent:F3},{row.Ape:F3}") : ",,";
            Append(text, row.Measurement, Layout(d.TensorParallel, d.PipelineParallel, d.ExpertParallel), $"{numbers},{(row.Fits ? "true" : "false")},{(row.Saturated ? "true" : "false")},");
        }

        foreach (var skipped in result.Skipped)
        {
            var m = skipped.Measurement;
            Append(text, m, Layout(m.Tensor, m.Pipeline, m.Expert), ",,,,," + Quote(ValidationReportJson.Reason(skipped)));
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    private static string Layout(int tp, int pp, int ep) =>
        string.Create(CultureInfo.InvariantCulture, $"{(tp > 0 ? tp : null)},{(pp > 0 ? pp : null)},{(ep > 0 ? ep : null)}");

    private static void Append(StringBuilder text, Measurement m, string layout, string tail) =>
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Quote(Path.GetFileName(m.File))},{m.Line},{Quote(m.Source)},{Quote(m.Hardware)},{Quote(m.Framework)},{Quote(m.Model)},{m.WeightBits},{m.Devices},{layout},{m.Batch},{(double.IsNaN(m.Qps) ? null : m.Qps)},{m.InputTokens},{m.OutputTokens},{MeasuredMetrics.Name(m.Metric)},{m.Value:G9},{tail}"));

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
