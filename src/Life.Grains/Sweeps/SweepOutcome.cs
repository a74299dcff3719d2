namespace Life.Grains.Sweeps;

/// <summary>
/// A completed sweep's counts and Pareto front (as config ids: rows are a pure function of the spec
/// and the id, so a client re-evaluates them instead of receiving them).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepOutcome(
    [property: Id(0)] long Configurations,
    [property: Id(1)] long Shards,
    [property: Id(2)] long ShardsRunNow,
    [property: Id(3)] long RowsMeetingConstraints,
    [property: Id(4)] long[] FrontIds,
    [property: Id(5)] TimeSpan Elapsed,
    [property: Id(6)] double ConfigsPerSecond);
