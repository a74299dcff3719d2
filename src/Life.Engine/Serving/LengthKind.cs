namespace Life.Engine.Serving;

/// <summary>How request lengths are drawn in a simulation (<see cref="LengthDistribution"/>).</summary>
public enum LengthKind : byte
{
    /// <summary>Every request the workload's length.</summary>
    Fixed = 0,

    /// <summary>Whole numbers from A to B inclusive, equally likely.</summary>
    Uniform = 1,

    /// <summary>exp(μ + σ·z) with z standard normal, rounded (A = μ, B = σ of the log of the length).</summary>
    LogNormal = 2,
}
