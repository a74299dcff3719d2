using System.Collections.Concurrent;
using Life.Sweep.Results;
using Life.Sweep.Workers;

namespace Life.Grains.Sweeps;

/// <summary>
/// What a sweep still has to do, found from the checkpoint store (the source of truth): recorded
/// shards whose file is missing or altered are forgotten and redone. The shards to do are
/// enumerated lazily, so a sweep of millions of shards never holds a list of them.
/// </summary>
public sealed class ShardPlan
{
    private readonly HashSet<long> _done;

    private ShardPlan(long shardCount, HashSet<long> done)
    {
        ShardCount = shardCount;
        _done = done;
    }

    public long ShardCount { get; }

    public long PendingCount => ShardCount - _done.Count;

    public IEnumerable<long> Pending()
    {
        for (long shard = 0; shard < ShardCount; shard++)
        {
            if (!_done.Contains(shard))
            {
                yield return shard;
            }
        }
    }

    /// <summary>
    /// Deletes temporary files in the results directory: left by a killed worker, or by a duplicate call
    /// that lost its race. Safe once every shard is recorded, or where no other process writes.
    /// </summary>
    public static void RemoveStagingFiles(SweepContext sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        foreach (var stale in Directory.EnumerateFiles(sweep.ResultsDirectory))
        {
            if (stale.EndsWith(".tmp", StringComparison.Ordinal) || stale.EndsWith(".staging", StringComparison.Ordinal))
            {
                File.Delete(stale);
            }
        }
    }

    /// <param name="removeStagingFiles">
    /// Whether stale temporary files are deleted: false while other processes may be writing shards of
    /// this sweep (a cluster), whose staging files are not stale.
    /// </param>
    /// <param name="verifyFiles">
    /// Whether every recorded file is read and hashed against its record (a start or a resume: files
    /// may have changed while the sweep was stopped). Not when a running sweep's grain is re-activated
    /// after its silo died: the files were checked as they were recorded, and hashing a large
    /// sweep's results again would hold up its last shards for minutes.
    /// </param>
    public static async Task<ShardPlan> PrepareAsync(SweepContext sweep, Action<string> notice, bool removeStagingFiles, CancellationToken cancellation, bool verifyFiles = true)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(notice);
        Directory.CreateDirectory(sweep.ResultsDirectory);
        if (removeStagingFiles)
        {
            RemoveStagingFiles(sweep);
        }

        var records = await sweep.Store.CompletedShardsAsync(sweep.SweepId, cancellation);
        var broken = new ConcurrentBag<long>();
        // Hashing every recorded file is I/O and CPU: on the thread pool, not on the caller's scheduler.
        await Parallel.ForEachAsync(verifyFiles ? records : [], new ParallelOptions { CancellationToken = cancellation, TaskScheduler = TaskScheduler.Default }, (record, _) =>
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
            notice($"shard {shard}: file missing or altered, redoing it");
            await sweep.Store.InvalidateShardAsync(sweep.SweepId, shard, cancellation);
        }

        var done = new HashSet<long>(records.Count);
        foreach (var record in records)
        {
            done.Add(record.Shard);
        }

        done.ExceptWith(broken);
        return new ShardPlan(sweep.Space.ShardCount, done);
    }
}
