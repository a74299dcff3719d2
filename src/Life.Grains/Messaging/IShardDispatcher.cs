namespace Life.Grains.Messaging;

/// <summary>Hands shards to workers (the coordinator's side of the transport).</summary>
public interface IShardDispatcher
{
    Task DispatchAsync(string sweepId, IReadOnlyList<long> shards, CancellationToken cancellation);
}
