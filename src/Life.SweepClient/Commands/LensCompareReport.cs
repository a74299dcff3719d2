using System.Globalization;
using System.Text.Json;
using Life.Engine.Lens;

namespace Life.SweepClient.Commands;

/// <summary>The <c>lens compare</c> report: APE per method side by side, as a table or JSON.</summary>
internal static class LensCompareReport
{
    public static void WriteText(TextWriter output, LensComparison comparison, BucketData calibration, BucketData test)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{comparison.Profile.Device}: calibrated on {calibration.Rows.Length} runs in {calibration.Source}, scored on {comparison.Rows.Length} runs in {test.Source}"));
        foreach (var skip in comparison.Skipped)
        {
            output.WriteLine(string.Create(c, $"  skipped {test.Source} line {skip.Measured.Line}: {skip.Reason}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"  {"method",-16}{"rows",6}{"mean APE",11}{"median APE",12}{"max APE",10}"));
        foreach (var (name, summary) in Methods(comparison))
        {
            var label = name switch { "lens" => "LENS", "smooth_linear" => "smooth linear", _ => name };
            output.WriteLine(string.Create(c, $"  {label,-16}{summary.Rows,6}{Percent(summary.MeanPercent),11}{Percent(summary.MedianPercent),12}{Percent(summary.MaxPercent),10}"));
        }

        if (comparison.Rows.Length > 0)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c, $"LENS median APE {comparison.Lens.MedianPercent:0.##}% vs smooth fit {comparison.SmoothFit.MedianPercent:0.##}%: {Ratio(comparison.SmoothFit, comparison.Lens)}"));
        }
    }

    public static void WriteJson(TextWriter output, LensComparison comparison, BucketData calibration, BucketData test) => LensJson.Write(output, json =>
    {
        json.WriteString("device", comparison.Profile.Device);
        json.WriteString("calibration", calibration.Source);
        json.WriteNumber("calibration_runs", calibration.Rows.Length);
        json.WriteString("test", test.Source);
        json.WriteNumber("rows", comparison.Rows.Length);
        json.WriteStartArray("skipped");
        foreach (var skip in comparison.Skipped)
        {
            json.WriteStartObject();
            json.WriteNumber("line", skip.Measured.Line);
            json.WriteString("reason", skip.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("methods");
        foreach (var (name, summary) in Methods(comparison))
        {
            json.WriteStartObject(name);
            json.WriteNumber("rows", summary.Rows);
            LensJson.Number(json, "mean_ape", summary.MeanPercent);
            LensJson.Number(json, "median_ape", summary.MedianPercent);
            LensJson.Number(json, "max_ape", summary.MaxPercent);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteRows(json, comparison);
    });

    private static void WriteRows(Utf8JsonWriter json, LensComparison comparison)
    {
        json.WriteStartArray("predictions");
        foreach (var row in comparison.Rows)
        {
            json.WriteStartObject();
            json.WriteNumber("line", row.Measured.Line);
            json.WriteNumber("batch", row.Measured.Batch);
            json.WriteNumber("input_tokens", row.Measured.InputTokens);
            json.WriteNumber("output_tokens", row.Measured.OutputTokens);
            json.WriteNumber("e2e_ms", row.Measured.E2eMs);
            json.WriteNumber("lens_ms", row.LensMs);
            json.WriteNumber("smooth_ms", row.SmoothMs);
            if (comparison.HasRoofline)
            {
                json.WriteNumber("roofline_ms", row.RooflineMs);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The methods that were run, by their JSON names.</summary>
    private static IEnumerable<(string Name, ApeSummary Summary)> Methods(LensComparison comparison)
    {
        yield return ("lens", comparison.Lens);
        yield return ("smooth_linear", comparison.SmoothFit);
        if (comparison.HasRoofline)
        {
            yield return ("roofline", comparison.Roofline);
        }
    }

    private static string Ratio(ApeSummary baseline, ApeSummary lens) => lens.MedianPercent > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{baseline.MedianPercent / lens.MedianPercent:0.#}x lower error with buckets")
        : "LENS exact";

    private static string Percent(double value) =>
        double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
}
