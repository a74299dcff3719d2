using System.Globalization;
using Life.Engine.Validation;

namespace Life.SweepClient.Output;

/// <summary>The human-readable `validate` report.</summary>
internal static class ValidationText
{
    public static void Write(TextWriter output, ValidationResult result, ValidationResult? baseline)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{result.Rows.Count} rows predicted, {result.Skipped.Count - result.Invalid} skipped, {result.Invalid} invalid layouts"));
        if (result.NotFitting > 0)
        {
            output.WriteLine(string.Create(c, $"{result.NotFitting} of the predicted rows do not fit in the devices' memory: reported (--report), not in the statistics"));
        }

        if (result.Saturated > 0)
        {
            output.WriteLine(string.Create(c, $"{result.Saturated} of the predicted rows ask for a request rate past what the replica sustains: reported (--report), not in the statistics"));
        }

        output.WriteLine();
        var header = baseline is null
            ? $"{"metric",-16}{"rows",6}{"median APE",12}{"mean APE",11}"
            : $"{"metric",-16}{"rows",6}{"median APE",12}{"mean APE",11}   {"LIFE median",12}{"LIFE mean",11}";
        output.WriteLine(header);
        foreach (var (metric, stats) in result.Metrics)
        {
            output.WriteLine(Line(metric, stats, baseline?.Metrics.GetValueOrDefault(metric)));
        }

        output.WriteLine(Line("overall", result.Overall, baseline?.Overall));
        WritePerFile(output, result, baseline);
        WriteSlices(output, result);
        WriteReasons(output, "skipped:", result.Skipped.Where(s => s.Kind != SkipKind.InvalidLayout));
        WriteReasons(output, "invalid layouts (not forecast):", result.Skipped.Where(s => s.Kind == SkipKind.InvalidLayout));
    }

    private static void WriteReasons(TextWriter output, string title, IEnumerable<SkippedMeasurement> skipped)
    {
        var groups = skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()).ToList();
        if (groups.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        foreach (var group in groups)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Count(),5} × {group.Key} (e.g. {group.First().Measurement.Where})"));
        }
    }

    /// <summary>Rows on several devices, large batches and at a request rate: where serving effects (collectives, KV capacity, queueing) decide the error.</summary>
    private static void WriteSlices(TextWriter output, ValidationResult result)
    {
        output.WriteLine();
        output.WriteLine($"{"slice",-46}{"metric",-16}{"rows",6}{"median APE",12}");
        foreach (var slice in ValidationSlice.Of(result))
        {
            foreach (var (metric, stats) in slice.Metrics)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{slice.Name,-46}{metric,-16}{stats.Rows,6}{stats.MedianApe,11:F1}%"));
            }
        }
    }

    /// <summary>Several files are several sources and devices: each file's figures, so one cannot hide another.</summary>
    private static void WritePerFile(TextWriter output, ValidationResult result, ValidationResult? baseline)
    {
        var files = result.Scored.GroupBy(r => Path.GetFileName(r.Measurement.File)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (files.Count < 2)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(baseline is null
            ? $"{"file",-46}{"metric",-16}{"rows",6}{"median APE",12}"
            : $"{"file",-46}{"metric",-16}{"rows",6}{"median APE",12}   {"LIFE median",12}");
        foreach (var file in files)
        {
            foreach (var metric in file.GroupBy(r => MeasuredMetrics.Name(r.Measurement.Metric)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var stats = ErrorStatistics.Of(metric.Select(r => r.Ape));
                var line = string.Create(CultureInfo.InvariantCulture, $"{file.Key,-46}{metric.Key,-16}{stats.Rows,6}{stats.MedianApe,11:F1}%");
                if (baseline is not null)
                {
                    var same = baseline.Scored.Where(r => Path.GetFileName(r.Measurement.File) == file.Key && MeasuredMetrics.Name(r.Measurement.Metric) == metric.Key).Select(r => r.Ape).ToList();
                    line += same.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"   {ErrorStatistics.Of(same).MedianApe,11:F1}%") : string.Empty;
                }

                output.WriteLine(line);
            }
        }
    }

    private static string Line(string name, ErrorStatistics stats, ErrorStatistics? baseline)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{name,-16}{stats.Rows,6}{stats.MedianApe,11:F1}%{stats.MeanApe,10:F1}%");
        return baseline is { } b ? line + string.Create(CultureInfo.InvariantCulture, $"   {b.MedianApe,11:F1}%{b.MeanApe,10:F1}%") : line;
    }
}
