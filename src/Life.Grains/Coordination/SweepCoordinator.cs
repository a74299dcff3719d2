using Life.Sweep.Coordination;
using System.Diagnostics;
using Life.Sweep.Checkpoints;
using Life.Grains.Messaging;
using Life.Sweep.Results;
using Life.Sweep.Workers;

namespace Life.Grains.Coordination;

/// <summary>
/// Drives a sweep: verifies what the checkpoint store says is done (a recorded shard whose file is
/// missing or altered is redone), dispatches the rest, polls the store for progress until every
/// shard is done or in the error state, then finalizes the dataset (<see cref="SweepFinalizer"/>).
/// The store is the source of truth, so the same loop serves a fresh run and a resume.
/// </summary>
public sealed class SweepCoordinator : ISweepCoordinator
{
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(5);

    private readonly IShardDispatcher _dispatcher;
    private readonly ShardRetryPolicy _retry;
    private readonly TimeSpan _pollInterval;

    public SweepCoordinator(IShardDispatcher dispatcher, ShardRetryPolicy retry, TimeSpan? pollInterval = null)
    {
        _dispatcher = dispatcher;
        _retry = retry;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(200);
    }

    public async Task<SweepSummary> RunAsync(SweepContext sweep, ISweepObserver observer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(observer);
        var clock = Stopwatch.StartNew();
        var pending = await PrepareAsync(sweep, observer, cancellation);
        var (doneAtStart, rowsAtStart) = await sweep.Store.ProgressAsync(sweep.SweepId, cancellation);
        observer.OnStarted(new SweepProgress(doneAtStart, sweep.Space.ShardCount, rowsAtStart, sweep.Space.Count, TimeSpan.Zero, 0));
        if (pending.Count > 0)
        {
            await _dispatcher.DispatchAsync(sweep.SweepId, pending, cancellation);
        }

        await WaitAsync(sweep, observer, clock, rowsAtStart, cancellation);
        var summary = await new SweepFinalizer(sweep).FinalizeAsync(clock.Elapsed, pending.Count, rowsAtStart, cancellation);
        return summary;
    }

    /// <summary>
    /// Removes stale temporary files, drops records whose files are gone or wrong, and lists the shards
    /// still to do. <paramref name="removeTemporaryFiles"/> is false while other processes may be writing
    /// shards of this sweep (a cluster's resume): their staging files are not stale.
    /// </summary>
    public static async Task<List<long>> PrepareAsync(SweepContext sweep, ISweepObserver observer, CancellationToken cancellation, bool removeTemporaryFiles = true)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(observer);
        Directory.CreateDirectory(sweep.ResultsDirectory);
        foreach (var stale in removeTemporaryFiles ? Directory.EnumerateFiles(sweep.ResultsDirectory) : [])
        {
            if (stale.EndsWith(".tmp", StringComparison.Ordinal) || stale.EndsWith(".staging", StringComparison.Ordinal))
            {
                File.Delete(stale);
            }
        }

        var records = await sweep.Store.CompletedShardsAsync(sweep.SweepId, cancellation);
        var broken = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(records, cancellation, (record, _) =>
        {
            var path = Path.Combine(sweep.OutputDirectory, record.File);
            if (!File.Exists(path) || ResultFileWriter.Fingerprint(path) != (record.Length, record.Sha256))
            {
                broken.Add(record.Shard);
            }

            return ValueTask.CompletedTask;
        });

        foreach (var shard in broken.Order())
        {
            observer.OnMessage($"shard {shard}: file missing or altered, redoing it");
            await sweep.Store.InvalidateShardAsync(sweep.SweepId, shard, cancellation);
        }

        var done = new HashSet<long>();
        foreach (var record in records)
        {
            done.Add(record.Shard);
        }

        done.ExceptWith(broken);
        var pending = new List<long>();
        for (long shard = 0; shard < sweep.Space.ShardCount; shard++)
        {
            if (!done.Contains(shard))
            {
                pending.Add(shard);
            }
        }

        return pending;
    }

    private async Task WaitAsync(SweepContext sweep, ISweepObserver observer, Stopwatch clock, long rowsAtStart, CancellationToken cancellation)
    {
        while (true)
        {
            var (shards, rows) = await sweep.Store.ProgressAsync(sweep.SweepId, cancellation);
            var elapsed = clock.Elapsed;
            var rate = elapsed.TotalSeconds > 0 ? (rows - rowsAtStart) / elapsed.TotalSeconds : 0;
            observer.OnProgress(new SweepProgress(shards, sweep.Space.ShardCount, rows, sweep.Space.Count, elapsed, rate));
            if (shards == sweep.Space.ShardCount)
            {
                return;
            }

            var errored = await sweep.Store.ErroredShardsAsync(sweep.SweepId, _retry.MaxAttempts, cancellation);
            if (errored.Count > 0 && shards + errored.Count >= sweep.Space.ShardCount)
            {
                var first = errored[0];
                throw new SweepFailedException(
                    $"{errored.Count} shard(s) failed after {first.Attempts} attempts (shard {first.Shard}: {first.Error}); {shards} of {sweep.Space.ShardCount} shards are done and kept, rerun to resume");
            }

            // Poll at most every 5% of the time so far: a sweep of a second ends within tens of
            // milliseconds of its last shard, a long one costs the store a query per interval.
            var delay = Math.Clamp(clock.Elapsed.Ticks / 20, MinimumPoll.Ticks, _pollInterval.Ticks);
            await Task.Delay(TimeSpan.FromTicks(delay), cancellation);
        }
    }
}
