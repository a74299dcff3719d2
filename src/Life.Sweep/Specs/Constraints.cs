using Life.Engine.Timing;

namespace Life.Sweep.Specs;

/// <summary>
/// The spec's constraints. Rows failing one are kept and flagged (<c>meets_constraints = false</c>);
/// the Pareto front is computed over rows that meet them all.
/// </summary>
public sealed class Constraints
{
    private readonly Bound[] _bounds;

    public Constraints(bool? mustFit, IReadOnlyList<Bound> bounds)
    {
        MustFit = mustFit;
        _bounds = [.. bounds];
    }

    public static Constraints None { get; } = new(null, []);

    /// <summary>True: only rows that fit in memory; false: only rows that do not; null: either.</summary>
    public bool? MustFit { get; }

    public IReadOnlyList<Bound> Bounds => _bounds;

    public bool AreMetBy(in Metrics metrics) => AreMetBy(metrics, ServingValues.None);

    /// <summary>A bound on a serving column a row has no value for (NaN) is not met.</summary>
    public bool AreMetBy(in Metrics metrics, in ServingValues serving)
    {
        // A request the device cannot run at all (a bucketed NPU past its largest bucket) has no
        // times: it meets nothing, whatever the spec asks.
        if (double.IsNaN(metrics.E2eMs))
        {
            return false;
        }

        if (MustFit is { } fit && metrics.Fits != fit)
        {
            return false;
        }

        foreach (var bound in _bounds)
        {
            if (!bound.IsMetBy(MetricColumns.Read(metrics, serving, bound.Column)))
            {
                return false;
            }
        }

        return true;
    }
}
