namespace Life.Grains.Sweeps;

/// <summary>
/// A sweep grain's answer to its driver: phase, progress (from the checkpoint store), this run's
/// starting point and time, notices not yet seen, the failure, and on completion the outcome.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepReport(
    [property: Id(0)] SweepPhase Phase,
    [property: Id(1)] long ShardsDone,
    [property: Id(2)] long ShardsTotal,
    [property: Id(3)] long Rows,
    [property: Id(4)] long RowsTotal,
    [property: Id(5)] long RowsAtStart,
    [property: Id(6)] TimeSpan Elapsed,
    [property: Id(7)] string[] Notices,
    [property: Id(8)] int NoticesSeen,
    [property: Id(9)] string? Error,
    [property: Id(10)] SweepOutcome? Outcome);
