using MassTransit;

namespace Life.Grains.Messaging;

/// <summary>
/// Binds the consumer to <see cref="ShardQueue.Name"/> with prefetch equal to concurrency, so a worker
/// holds only the shards it is evaluating and never hoards work other workers could take.
/// </summary>
public sealed class EvaluateShardConsumerDefinition : ConsumerDefinition<EvaluateShardConsumer>
{
    private readonly WorkerConcurrency _concurrency;

    public EvaluateShardConsumerDefinition(WorkerConcurrency concurrency)
    {
        _concurrency = concurrency;
        EndpointName = ShardQueue.Name;
        ConcurrentMessageLimit = concurrency.Value;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<EvaluateShardConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.PrefetchCount = _concurrency.Value;
        endpointConfigurator.ConcurrentMessageLimit = _concurrency.Value;
    }
}
