namespace Life.Sweep.Checkpoints;

/// <summary>
/// A cluster sweep as <c>status</c> shows it: state, counters, timings of the first start and last
/// completion (for the rate), shards running and in the error state, and the workers that did shards.
/// </summary>
public sealed record SweepStatus(
    SweepIdentity Identity,
    string State,
    long ShardsDone,
    long RowsDone,
    long ShardsRunning,
    DateTimeOffset Created,
    DateTimeOffset? FirstStarted,
    DateTimeOffset? LastFinished,
    DateTimeOffset? Finalized,
    DateTimeOffset Now,
    IReadOnlyList<ShardFailure> Errors,
    IReadOnlyList<SweepWorker> Workers)
{
    /// <summary>Configurations per second between the first shard start and the last completion.</summary>
    public double ConfigsPerSecond =>
        FirstStarted is { } first && LastFinished is { } last && last > first ? RowsDone / (last - first).TotalSeconds : 0;

    public TimeSpan? Remaining => ConfigsPerSecond > 0 && State == SweepStates.Running
        ? TimeSpan.FromSeconds((Identity.TotalConfigs - RowsDone) / ConfigsPerSecond)
        : null;
}
