namespace Life.Sweep.Workers;

/// <summary>
/// The shard-worker seam (grain-shaped): processes one shard of a sweep, idempotently. Transports
/// (MassTransit in memory or over RabbitMQ, or an Orleans grain) only decide who calls it.
/// </summary>
public interface IShardWorker
{
    Task<ShardOutcome> ProcessAsync(SweepContext sweep, long shard, CancellationToken cancellation);
}
