namespace Life.Engine.Validation;

/// <summary>
/// A named subset of the scored rows with its own statistics: where serving-level errors show
/// (rows on several devices, static batches of 64 and more, rows at a request rate), so a good
/// overall figure cannot hide them.
/// </summary>
public sealed class ValidationSlice
{
    private ValidationSlice(string name, IReadOnlyList<ValidatedRow> rows)
    {
        Name = name;
        var metrics = new SortedDictionary<string, ErrorStatistics>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => MeasuredMetrics.Name(r.Measurement.Metric)))
        {
            metrics[group.Key] = ErrorStatistics.Of(group.Select(r => r.Ape));
        }

        Metrics = metrics;
        Overall = ErrorStatistics.Of(rows.Select(r => r.Ape));
    }

    /// <summary>Smallest batch counted in the large-batch slice.</summary>
    public const int LargeBatch = 64;

    public string Name { get; }

    public IReadOnlyDictionary<string, ErrorStatistics> Metrics { get; }

    public ErrorStatistics Overall { get; }

    /// <summary>Of the rows in the statistics: the multi-device rows, the static batches of at least <see cref="LargeBatch"/>, and the rows at a request rate.</summary>
    public static IReadOnlyList<ValidationSlice> Of(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            new("multi_device", [.. result.Scored.Where(r => r.Measurement.Devices > 1)]),
            new("batch_64_plus", [.. result.Scored.Where(r => double.IsNaN(r.Measurement.Qps) && r.Measurement.Batch >= LargeBatch)]),
            new("at_rate", [.. result.Scored.Where(r => !double.IsNaN(r.Measurement.Qps))]),
        ];
    }
}
