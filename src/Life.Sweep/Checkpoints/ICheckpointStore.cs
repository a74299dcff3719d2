namespace Life.Sweep.Checkpoints;

/// <summary>
/// The source of truth for a sweep's progress (architecture.md, failure model). Messages only wake
/// workers up; a shard is done when, and only when, its record is here. Implementations: SQLite for
/// one machine, PostgreSQL for a cluster.
/// </summary>
public interface ICheckpointStore : IAsyncDisposable
{
    /// <summary>Creates the sweep's records, or checks that the sweep already recorded under this id has the same spec.</summary>
    Task OpenSweepAsync(SweepIdentity sweep, CancellationToken cancellation);

    Task<SweepIdentity?> FindSweepAsync(string sweepId, CancellationToken cancellation);

    Task<IReadOnlyList<ShardRecord>> CompletedShardsAsync(string sweepId, CancellationToken cancellation);

    Task<bool> IsCompletedAsync(string sweepId, long shard, CancellationToken cancellation);

    /// <summary>
    /// Called by a worker before it evaluates a shard: says whether to go on (recording who started it
    /// and when, where the store keeps that), or to acknowledge without work because the shard is done
    /// already (a redelivery) or the sweep was cancelled. A claim is not exclusive: two workers may both
    /// evaluate one shard, and <see cref="TryCompleteShardAsync"/> decides which result is kept.
    /// </summary>
    Task<ShardClaim> ClaimShardAsync(string sweepId, long shard, string worker, CancellationToken cancellation);

    /// <summary>Shards done and rows written so far (a cheap query, polled for progress).</summary>
    Task<(long Shards, long Rows)> ProgressAsync(string sweepId, CancellationToken cancellation);

    /// <summary>
    /// Records the shard as done unless it already is. <paramref name="publish"/> (moving the shard's
    /// file into place) runs under the store's lock and only for the winner, so two workers racing on
    /// one shard cannot both commit and the loser's file never replaces the winner's.
    /// </summary>
    Task<bool> TryCompleteShardAsync(string sweepId, ShardRecord record, Action publish, CancellationToken cancellation);

    /// <summary>Forgets a completed shard whose file turned out missing or wrong, so it is redone.</summary>
    Task InvalidateShardAsync(string sweepId, long shard, CancellationToken cancellation);

    /// <summary>Shards not done whose failed attempts reached <paramref name="maxAttempts"/>: the error state.</summary>
    Task<IReadOnlyList<ShardFailure>> ErroredShardsAsync(string sweepId, int maxAttempts, CancellationToken cancellation);

    /// <summary>Records a failed attempt; returns the number of failed attempts so far.</summary>
    Task<int> RecordFailureAsync(string sweepId, long shard, string worker, string error, CancellationToken cancellation);
}
