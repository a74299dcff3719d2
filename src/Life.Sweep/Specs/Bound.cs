namespace Life.Sweep.Specs;

/// <summary>A constraint on one metric: at most (or at least) <see cref="Limit"/>.</summary>
public readonly record struct Bound(MetricColumn Column, bool IsMaximum, double Limit)
{
    /// <summary>A null metric (no price or power) never meets a bound on it.</summary>
    public bool IsMetBy(double value) => IsMaximum ? value <= Limit : value >= Limit;

    public override string ToString() => (IsMaximum ? "max_" : "min_") + MetricColumns.Name(Column);
}
