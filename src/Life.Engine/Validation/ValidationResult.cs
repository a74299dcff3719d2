namespace Life.Engine.Validation;

/// <summary>
/// Every prediction, the skipped rows with reasons, and the error statistics per metric and overall.
/// The statistics cover the rows whose model fits; rows that do not fit are forecast and reported
/// but counted apart (<see cref="NotFitting"/>), as are rate rows past saturation
/// (<see cref="Saturated"/>) and rows whose layout the model cannot take (<see cref="Invalid"/>,
/// never forecast).
/// </summary>
public sealed class ValidationResult
{
    public ValidationResult(IReadOnlyList<ValidatedRow> rows, IReadOnlyList<SkippedMeasurement> skipped)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(skipped);
        Rows = rows;
        Skipped = skipped;
        Scored = rows.Where(r => r.IsScored).ToList();
        NotFitting = rows.Count(r => !r.Fits);
        Saturated = rows.Count(r => r.Fits && r.Saturated);
        Invalid = skipped.Count(s => s.Kind == SkipKind.InvalidLayout);
        var metrics = new SortedDictionary<string, ErrorStatistics>(StringComparer.Ordinal);
        foreach (var group in Scored.GroupBy(r => MeasuredMetrics.Name(r.Measurement.Metric)))
        {
            metrics[group.Key] = ErrorStatistics.Of(group.Select(r => r.Ape));
        }

        Metrics = metrics;
        Overall = ErrorStatistics.Of(Scored.Select(r => r.Ape));
    }

    /// <summary>Every forecast row, fitting or not.</summary>
    public IReadOnlyList<ValidatedRow> Rows { get; }

    /// <summary>The forecast rows the statistics cover: the model fits and, at a rate, the replica keeps up.</summary>
    public IReadOnlyList<ValidatedRow> Scored { get; }

    /// <summary>Every row not forecast, with its reason (<see cref="SkippedMeasurement.Kind"/> tells invalid layouts apart).</summary>
    public IReadOnlyList<SkippedMeasurement> Skipped { get; }

    /// <summary>Forecast rows whose model does not fit: reported, not in the statistics.</summary>
    public int NotFitting { get; }

    /// <summary>Rate rows (the model fits) whose rate is past what the replica sustains: reported, not in the statistics.</summary>
    public int Saturated { get; }

    /// <summary>Skipped rows whose parallel layout the model cannot take.</summary>
    public int Invalid { get; }

    public IReadOnlyDictionary<string, ErrorStatistics> Metrics { get; }

    public ErrorStatistics Overall { get; }
}
