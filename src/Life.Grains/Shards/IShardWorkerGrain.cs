namespace Life.Grains.Shards;

/// <summary>
/// Evaluates one shard of a sweep with the shared engine and writes its Parquet part. Keyed by
/// <c>{sweep}/{shard}/{call}</c>: every call of a shard is a fresh activation, placed anew, so a
/// retry after a silo died lands on a live one and never queues behind a stuck activation.
/// </summary>
public interface IShardWorkerGrain : IGrainWithStringKey
{
    /// <param name="rerun">The shard is called again because the silo running it died: it goes ahead of this silo's queue.</param>
    Task<ShardResult> EvaluateAsync(string sweepId, long shard, bool rerun);
}
