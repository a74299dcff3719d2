using Life.Checkpoints;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Life.Engine;
using Life.Sweep.Checkpoints;
using Life.Grains.Coordination;
using Life.Grains.Sweeps;
using Life.Sweep.Coordination;
using Life.Grains.Messaging;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Grains.Cluster;

/// <summary>
/// The client's side of a cluster sweep (<c>submit</c>, <c>status</c>, <c>wait</c>, <c>resume</c>,
/// <c>cancel</c>). PostgreSQL is the source of truth and messages are wake-ups, so every operation
/// reads the store first; publishing again what may already be queued is harmless (a worker
/// acknowledges a done shard without work).
/// </summary>
public sealed class ClusterSweeps
{
    /// <summary>What sweep.json names as the checkpoint location of a cluster sweep.</summary>
    public const string CheckpointsLabel = "postgresql (life_shards)";

    private readonly PostgresCheckpointStore _store;
    private readonly IShardDispatcher _dispatcher;
    private readonly ShardRetryPolicy _retry;
    private readonly TimeSpan _pollInterval;

    public ClusterSweeps(PostgresCheckpointStore store, IShardDispatcher dispatcher, ShardRetryPolicy retry, TimeSpan? pollInterval = null)
    {
        _store = store;
        _dispatcher = dispatcher;
        _retry = retry;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>
    /// Validates the spec and records the sweep and its shards (first step of submit). The id is a
    /// function of the spec and the output directory, so submitting again finds the same sweep.
    /// </summary>
    public async Task<SweepIdentity> RecordAsync(string specPath, string outputDirectory, bool allowHuge, CancellationToken cancellation)
    {
        var spec = SweepSpecParser.ParseFile(specPath, allowHuge);
        var space = new SweepSpace(spec);
        var output = Path.GetFullPath(outputDirectory);
        if (File.Exists(output))
        {
            throw new EngineInputException($"--out '{output}' is a file, not a directory");
        }

        var existing = await _store.FindSweepByOutputAsync(output, cancellation);
        if (existing is null && Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new EngineInputException($"--out '{output}' exists and is not the output directory of a sweep in this cluster; choose a new or empty directory");
        }

        var id = existing ?? NewId(spec, output);
        var identity = new SweepIdentity(id, spec.Name, spec.Hash, spec.CanonicalJson, space.Count, spec.ShardSize, space.ShardCount, output);
        await _store.OpenSweepAsync(identity, cancellation);
        Directory.CreateDirectory(Path.Combine(output, "results"));
        return identity;
    }

    /// <summary>Publishes every shard not done (second step of submit).</summary>
    public async Task<long> PublishPendingAsync(string sweepId, ISweepObserver observer, CancellationToken cancellation)
    {
        var sweep = await ContextAsync(sweepId, cancellation);
        var pending = await SweepCoordinator.PrepareAsync(sweep, observer, cancellation, removeTemporaryFiles: false);
        await _dispatcher.DispatchAsync(sweepId, pending, cancellation);
        return pending.Count;
    }

    public async Task<SweepStatus> StatusAsync(string sweepId, CancellationToken cancellation) =>
        await _store.StatusAsync(sweepId, _retry.MaxAttempts, cancellation) ?? throw UnknownSweep(sweepId);

    /// <summary>
    /// Re-publishes the shards not done, after a broker loss, a full cluster stop or a cancel: files
    /// recorded done are verified first (a missing or altered one is redone), and shards in the error
    /// state get fresh attempts.
    /// </summary>
    public async Task<ResumeOutcome> ResumeAsync(string sweepId, ISweepObserver observer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var status = await StatusAsync(sweepId, cancellation);
        if (status.State == SweepStates.Completed)
        {
            return new ResumeOutcome(0, 0, false, true);
        }

        var wasCancelled = status.State == SweepStates.Cancelled;
        if (wasCancelled)
        {
            await _store.SetStateAsync(sweepId, SweepStates.Running, cancellation);
        }

        var reset = await _store.ResetFailuresAsync(sweepId, _retry.MaxAttempts, cancellation);
        var published = await PublishPendingAsync(sweepId, observer, cancellation);
        return new ResumeOutcome(published, reset, wasCancelled, false);
    }

    /// <summary>Sets the sweep cancelled (workers then skip its remaining messages); returns the state it had.</summary>
    public async Task<string> CancelAsync(string sweepId, CancellationToken cancellation)
    {
        var status = await StatusAsync(sweepId, cancellation);
        if (status.State != SweepStates.Running)
        {
            return status.State;
        }

        return await _store.SetStateAsync(sweepId, SweepStates.Cancelled, cancellation) ?? throw UnknownSweep(sweepId);
    }

    /// <summary>
    /// Follows progress until every shard is done, verifies the recorded files (redoing any that are
    /// missing or altered), then merges the Pareto front and writes sweep.json and _SUCCESS. Ends with
    /// <see cref="SweepCancelledException"/> if the sweep is cancelled, and with
    /// <see cref="SweepFailedException"/> once every shard not done is in the error state.
    /// </summary>
    public async Task<SweepSummary> WaitAsync(string sweepId, ISweepObserver observer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var sweep = await ContextAsync(sweepId, cancellation);
        var total = sweep.Space.ShardCount;
        var clock = Stopwatch.StartNew();
        var (doneAtStart, rowsAtStart) = await _store.ProgressAsync(sweepId, cancellation);
        observer.OnStarted(new SweepProgress(doneAtStart, total, rowsAtStart, sweep.Space.Count, TimeSpan.Zero, 0));
        while (true)
        {
            var (shards, rows) = await _store.ProgressAsync(sweepId, cancellation);
            var elapsed = clock.Elapsed;
            var rate = elapsed.TotalSeconds > 0 ? (rows - rowsAtStart) / elapsed.TotalSeconds : 0;
            observer.OnProgress(new SweepProgress(shards, total, rows, sweep.Space.Count, elapsed, rate));
            if (shards == total)
            {
                var redo = await SweepCoordinator.PrepareAsync(sweep, observer, cancellation);
                if (redo.Count == 0)
                {
                    var summary = await new SweepFinalizer(sweep, CheckpointsLabel).FinalizeAsync(clock.Elapsed, shards - doneAtStart, rowsAtStart, cancellation);
                    await _store.SetStateAsync(sweepId, SweepStates.Completed, cancellation);
                    return summary;
                }

                await _dispatcher.DispatchAsync(sweepId, redo, cancellation);
                continue;
            }

            var state = await _store.StateAsync(sweepId, cancellation);
            if (state == SweepStates.Cancelled)
            {
                throw new SweepCancelledException($"sweep {sweepId} was cancelled with {shards:N0} of {total:N0} shards done (kept); `life-sweep resume {sweepId}` continues it");
            }

            var errored = await _store.ErroredShardsAsync(sweepId, _retry.MaxAttempts, cancellation);
            if (errored.Count > 0 && shards + errored.Count >= total)
            {
                var first = errored[0];
                throw new SweepFailedException(
                    $"{errored.Count} shard(s) failed after {first.Attempts} attempts (shard {first.Shard}: {first.Error}); {shards} of {total} shards are done and kept; `life-sweep resume {sweepId}` retries the failed ones");
            }

            await Task.Delay(_pollInterval, cancellation);
        }
    }

    private static string NewId(SweepSpec spec, string output)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{spec.Hash}\n{output}"));
        return $"sw-{Convert.ToHexStringLower(hash)[..12]}";
    }

    private static EngineInputException UnknownSweep(string sweepId) => new($"no sweep '{sweepId}' in this cluster's database");

    private async Task<SweepContext> ContextAsync(string sweepId, CancellationToken cancellation)
    {
        if (await _store.FindSweepAsync(sweepId, cancellation) is null)
        {
            throw UnknownSweep(sweepId);
        }

        return await new StoreSweepDirectory(_store).GetAsync(sweepId, cancellation);
    }
}
