namespace Life.Sweep.Specs;

/// <summary>
/// A row's serving columns beside its static-batch <see cref="Life.Engine.Timing.Metrics"/>: the
/// steady-state percentiles at its qps and the rate it sustains within the spec's slo. NaN where a
/// row has none (no qps, no slo, a replica that cannot run, or +∞ of a saturated one).
/// </summary>
public readonly struct ServingValues
{
    public static readonly ServingValues None = new()
    {
        P50TtftMs = double.NaN,
        P99TtftMs = double.NaN,
        P50TpotMs = double.NaN,
        P99TpotMs = double.NaN,
        MaxQpsAtSlo = double.NaN,
        Devices = double.NaN,
        CostPerHour = double.NaN,
    };

    public double P50TtftMs { get; init; }

    public double P99TtftMs { get; init; }

    public double P50TpotMs { get; init; }

    public double P99TpotMs { get; init; }

    public double MaxQpsAtSlo { get; init; }

    /// <summary>Devices of the row's replica or xPyD deployment (sweeps with a disaggregation dimension).</summary>
    public double Devices { get; init; }

    /// <summary>Rental per hour of <see cref="Devices"/>, both pools priced.</summary>
    public double CostPerHour { get; init; }
}
