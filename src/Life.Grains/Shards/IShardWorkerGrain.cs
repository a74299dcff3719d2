namespace Life.Grains.Shards;

/// <summary>
/// Evaluates one shard of a sweep with the shared engine and writes its Parquet part. Keyed by
/// <c>{sweep}/{shard}/{call}</c>: every call of a shard is a fresh activation, placed anew, so a
/// retry after a silo died lands on a live one and never queues behind a stuck activation.
/// </summary>
public interface IShardWorkerGrain : IGrainWithStringKey
{
    Task<ShardResult> EvaluateAsync(string sweepId, long shard);
}
