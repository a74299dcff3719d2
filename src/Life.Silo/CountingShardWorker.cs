using Life.Sweep.Workers;
using Microsoft.Extensions.Logging;

namespace Life.Silo;

/// <summary>The shard worker with this silo's bookkeeping around it: counters for health, one log line per shard at debug level.</summary>
public sealed class CountingShardWorker : IShardWorker
{
    private readonly IShardWorker _inner;
    private readonly SiloActivity _activity;
    private readonly ILogger<CountingShardWorker> _logger;

    public CountingShardWorker(IShardWorker inner, SiloActivity activity, ILogger<CountingShardWorker> logger)
    {
        _inner = inner;
        _activity = activity;
        _logger = logger;
    }

    public async Task<ShardOutcome> ProcessAsync(SweepContext sweep, long shard, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        _activity.Begin();
        try
        {
            var outcome = await _inner.ProcessAsync(sweep, shard, cancellation);
            _activity.Record(outcome);
            _logger.LogDebug("sweep {Sweep} shard {Shard}: {Outcome} ({Rows} rows)", sweep.SweepId, shard, outcome.Kind, outcome.Rows);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _activity.RecordFailure();
            _logger.LogWarning("sweep {Sweep} shard {Shard} failed: {Error}", sweep.SweepId, shard, e.Message);
            throw;
        }
        finally
        {
            _activity.End();
        }
    }
}
