using Life.Sweep.Workers;
using MassTransit;

namespace Life.Grains.Messaging;

/// <summary>
/// The shard worker behind the queue: the same consumer runs over the in-memory transport (one
/// machine) and RabbitMQ (a cluster). Failures are retried with exponential backoff inside the
/// consumer, recorded in the checkpoint store, and after <see cref="ShardRetryPolicy.MaxAttempts"/>
/// the shard is left in the error state (visible to status) instead of looping forever.
/// </summary>
public sealed class EvaluateShardConsumer : IConsumer<EvaluateShard>
{
    private readonly ISweepDirectory _directory;
    private readonly IShardWorker _worker;
    private readonly WorkerIdentity _identity;
    private readonly ShardRetryPolicy _retry;

    public EvaluateShardConsumer(ISweepDirectory directory, IShardWorker worker, WorkerIdentity identity, ShardRetryPolicy retry)
    {
        _directory = directory;
        _worker = worker;
        _identity = identity;
        _retry = retry;
    }

    public async Task Consume(ConsumeContext<EvaluateShard> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var cancellation = context.CancellationToken;
        var sweep = await _directory.GetAsync(message.SweepId, cancellation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await _worker.ProcessAsync(sweep, message.Shard, cancellation);
                await context.Publish(new ShardEvaluated(message.SweepId, message.Shard, outcome.Rows, outcome.Kind.ToString(), _identity.Name), cancellation);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var failures = await sweep.Store.RecordFailureAsync(message.SweepId, message.Shard, _identity.Name, $"{e.GetType().Name}: {e.Message}", cancellation);
                var gaveUp = failures >= _retry.MaxAttempts;
                await context.Publish(new ShardFailed(message.SweepId, message.Shard, e.Message, failures, gaveUp, _identity.Name), cancellation);
                if (gaveUp)
                {
                    return;
                }

                await Task.Delay(_retry.DelayBefore(attempt), cancellation);
            }
        }
    }
}
