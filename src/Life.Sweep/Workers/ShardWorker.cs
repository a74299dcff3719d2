using System.Diagnostics;
using Life.Sweep.Checkpoints;
using Life.Sweep.Pareto;

namespace Life.Sweep.Workers;

/// <summary>
/// Processes a shard: skip it if already recorded; evaluate it; write its Parquet file under a
/// private staging name; record it done, moving the file into place only if this worker wins. Every
/// step is idempotent, so a crash anywhere leaves either a complete recorded shard or none.
/// </summary>
public sealed class ShardWorker : IShardWorker
{
    private readonly string _workerName;

    public ShardWorker(string workerName)
    {
        _workerName = workerName;
    }

    public async Task<ShardOutcome> ProcessAsync(SweepContext sweep, long shard, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        switch (await sweep.Store.ClaimShardAsync(sweep.SweepId, shard, _workerName, cancellation))
        {
            case ShardClaim.AlreadyDone:
                return new ShardOutcome(shard, ShardOutcomeKind.AlreadyDone, 0);
            case ShardClaim.SweepStopped:
                return new ShardOutcome(shard, ShardOutcomeKind.SweepStopped, 0);
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (first, count) = sweep.Space.Shard(shard);
        var scratch = sweep.RentScratch();
        var final = sweep.ShardPath(shard);
        var staging = $"{final}.{Guid.NewGuid():N}.staging";
        try
        {
            // On the thread pool: a grain's turn runs on its activation's scheduler, and a CPU-bound shard
            // there would be a long turn (Orleans warns past 200 ms); here N slots evaluate on N cores.
            var (front, meeting, length, sha256) = await Task.Run(
                () =>
                {
                    cancellation.ThrowIfCancellationRequested();
                    scratch.Evaluator.Evaluate(first, count, scratch.Batch);
                    var front = PartialFront.Of(scratch.Batch, sweep.Spec.Objectives);
                    var meeting = 0L;
                    for (var row = 0; row < count; row++)
                    {
                        meeting += scratch.Batch.MeetsConstraints[row] ? 1 : 0;
                    }

                    Directory.CreateDirectory(sweep.ResultsDirectory);
                    var (length, sha256) = sweep.Writer.Write(scratch.Batch, staging);
                    return (front, meeting, length, sha256);
                },
                cancellation);
            var record = new ShardRecord(
                shard, count, meeting, Path.GetRelativePath(sweep.OutputDirectory, final), length, sha256, front.ToBytes(),
                _workerName, started, started + clock.Elapsed, 1);
            var won = await sweep.Store.TryCompleteShardAsync(sweep.SweepId, record, () => File.Move(staging, final, overwrite: true), cancellation);
            return new ShardOutcome(shard, won ? ShardOutcomeKind.Completed : ShardOutcomeKind.LostRace, count);
        }
        finally
        {
            sweep.ReturnScratch(scratch);
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
        }
    }
}
