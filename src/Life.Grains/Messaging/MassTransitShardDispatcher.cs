using MassTransit;

namespace Life.Grains.Messaging;

/// <summary>Sends one <see cref="EvaluateShard"/> per shard to the shard queue (durable and persistent on RabbitMQ).</summary>
public sealed class MassTransitShardDispatcher : IShardDispatcher
{
    private readonly ISendEndpointProvider _endpoints;

    public MassTransitShardDispatcher(ISendEndpointProvider endpoints)
    {
        _endpoints = endpoints;
    }

    public async Task DispatchAsync(string sweepId, IReadOnlyList<long> shards, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var endpoint = await _endpoints.GetSendEndpoint(ShardQueue.Address);
        foreach (var shard in shards)
        {
            await endpoint.Send(new EvaluateShard(sweepId, shard), context => context.Durable = true, cancellation);
        }
    }
}
