namespace Life.Engine.Validation;

/// <summary>Every prediction, the skipped rows with reasons, and the error statistics per metric and overall.</summary>
public sealed class ValidationResult
{
    public ValidationResult(IReadOnlyList<ValidatedRow> rows, IReadOnlyList<SkippedMeasurement> skipped)
    {
        Rows = rows;
        Skipped = skipped;
        var metrics = new SortedDictionary<string, ErrorStatistics>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => MeasuredMetrics.Name(r.Measurement.Metric)))
        {
            metrics[group.Key] = ErrorStatistics.Of(group.Select(r => r.Ape));
        }

        Metrics = metrics;
        Overall = ErrorStatistics.Of(rows.Select(r => r.Ape));
    }

    public IReadOnlyList<ValidatedRow> Rows { get; }

    public IReadOnlyList<SkippedMeasurement> Skipped { get; }

    public IReadOnlyDictionary<string, ErrorStatistics> Metrics { get; }

    public ErrorStatistics Overall { get; }
}
