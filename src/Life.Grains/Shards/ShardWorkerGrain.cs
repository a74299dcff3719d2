using Life.Grains.Hosting;
using Life.Sweep.Workers;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Life.Grains.Shards;

/// <summary>
/// A shard call: waits for one of this silo's shard slots, then runs the shared
/// <see cref="IShardWorker"/> (claim, evaluate on the thread pool, write the part, first completion
/// wins). Placed at random, each call anew, so calls spread evenly over every silo, a late-joining one included (activation-count placement, measured, sent 36 of 64 shards to one of three silos, its statistics lagging behind a burst of calls);
/// <c>[StatelessWorker]</c> would keep them on the caller's silo. A failure is recorded in the
/// checkpoint store and returned, not thrown, so the sweep grain tells a failed shard (retried with
/// backoff, then the error state) from a lost call (its silo died: retried at once).
/// </summary>
[RandomPlacement]
public sealed class ShardWorkerGrain : Grain, IShardWorkerGrain
{
    private readonly ISweepCatalog _catalog;
    private readonly IShardWorker _worker;
    private readonly ShardSlots _slots;
    private readonly SiloWorkerName _name;
    private readonly ILogger<ShardWorkerGrain> _logger;

    public ShardWorkerGrain(ISweepCatalog catalog, IShardWorker worker, ShardSlots slots, SiloWorkerName name, ILogger<ShardWorkerGrain> logger)
    {
        _catalog = catalog;
        _worker = worker;
        _slots = slots;
        _name = name;
        _logger = logger;
    }

    public async Task<ShardResult> EvaluateAsync(string sweepId, long shard, bool rerun)
    {
        // One call per activation: it goes away once this call has answered.
        DeactivateOnIdle();
        await _slots.WaitAsync(rerun);
        try
        {
            var sweep = await _catalog.GetAsync(sweepId, CancellationToken.None);
            try
            {
                var outcome = await _worker.ProcessAsync(sweep, shard, CancellationToken.None);
                return new ShardResult(shard, (ShardResultKind)outcome.Kind, outcome.Rows, _name.Value, null, 0);
            }
#pragma warning disable CA1031 // Any failure of the shard is recorded and reported to the sweep grain, which decides on a retry.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var error = $"{e.GetType().Name}: {e.Message}";
                _logger.LogWarning("sweep {Sweep} shard {Shard} failed: {Error}", sweepId, shard, error);
                var failures = await RecordFailureAsync(sweep, shard, error);
                return new ShardResult(shard, ShardResultKind.Failed, 0, _name.Value, error, failures);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <returns>Failed attempts recorded so far, or 0 when the store could not record this one either.</returns>
    private async Task<int> RecordFailureAsync(SweepContext sweep, long shard, string error)
    {
        try
        {
            return await sweep.Store.RecordFailureAsync(sweep.SweepId, shard, _name.Value, error, CancellationToken.None);
        }
#pragma warning disable CA1031 // The store being down is itself the failure; the sweep grain counts the attempt.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning("sweep {Sweep} shard {Shard}: the failure could not be recorded: {Error}", sweep.SweepId, shard, e.Message);
            return 0;
        }
    }
}
