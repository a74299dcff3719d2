namespace Life.Sweep.Workers;

/// <summary>
/// The shard-worker seam (grain-shaped): processes one shard of a sweep, idempotently. The shard
/// worker grain (Life.Grains) calls it, in the embedded silo and on a cluster alike.
/// </summary>
public interface IShardWorker
{
    Task<ShardOutcome> ProcessAsync(SweepContext sweep, long shard, CancellationToken cancellation);
}
