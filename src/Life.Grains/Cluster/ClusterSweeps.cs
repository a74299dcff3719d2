using System.Security.Cryptography;
using System.Text;
using Life.Checkpoints;
using Life.Engine;
using Life.Grains.Hosting;
using Life.Grains.Sweeps;
using Life.Sweep.Checkpoints;
using Life.Sweep.Coordination;
using Life.Sweep.Space;
using Life.Sweep.Specs;

namespace Life.Grains.Cluster;

/// <summary>
/// The client's side of a cluster sweep (<c>submit</c>, <c>status</c>, <c>wait</c>, <c>resume</c>,
/// <c>cancel</c>): the sweep is recorded in PostgreSQL, then its sweep grain is told to start; the
/// grain, kept alive by its reminder, drives the sweep whether or not a client is there.
/// </summary>
public sealed class ClusterSweeps
{
    private readonly PostgresCheckpointStore _store;
    private readonly Func<Task<IGrainFactory>> _grains;
    private readonly int _maxAttempts;

    /// <param name="grains">The Orleans client, connected on first use (status needs none).</param>
    public ClusterSweeps(PostgresCheckpointStore store, Func<Task<IGrainFactory>> grains, int maxAttempts = 3)
    {
        _store = store;
        _grains = grains;
        _maxAttempts = maxAttempts;
    }

    /// <summary>
    /// Validates the spec and records the sweep and its shards (first step of submit). The id is a
    /// function of the spec and the output directory, so submitting again finds the same sweep.
    /// </summary>
    public async Task<SweepIdentity> RecordAsync(string specPath, string outputDirectory, bool allowHuge, CancellationToken cancellation)
    {
        var spec = SweepSpecParser.ParseFile(specPath, Life.Engine.Catalog.BuiltInCatalog.LoadShipped(), allowHuge);
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

    /// <summary>Tells the sweep grain to run the sweep (second step of submit); returns the shards not done yet.</summary>
    public async Task<long> StartAsync(string sweepId, CancellationToken cancellation)
    {
        var grains = await _grains();
        var report = await grains.GetGrain<ISweepGrain>(sweepId).StartAsync().WaitAsync(cancellation);
        return report.ShardsTotal - report.ShardsDone;
    }

    /// <summary>Like <see cref="StartAsync"/>, but null when no silo answers (the first silo to join starts the sweep: <see cref="SweepRecovery"/>).</summary>
    public async Task<long?> TryStartAsync(string sweepId, CancellationToken cancellation)
    {
        try
        {
            return await StartAsync(sweepId, cancellation);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    public async Task<SweepStatus> StatusAsync(string sweepId, CancellationToken cancellation) =>
        await _store.StatusAsync(sweepId, _maxAttempts, cancellation) ?? throw UnknownSweep(sweepId);

    /// <summary>
    /// Starts the sweep again after a cancel, shards in the error state, or a cluster stopped whole:
    /// the grain verifies the recorded files (a missing or altered one is redone) and dispatches the rest.
    /// </summary>
    public async Task<ResumeOutcome> ResumeAsync(string sweepId, CancellationToken cancellation)
    {
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

        var reset = await _store.ResetFailuresAsync(sweepId, _maxAttempts, cancellation);
        var pending = await StartAsync(sweepId, cancellation);
        return new ResumeOutcome(pending, reset, wasCancelled, false);
    }

    /// <summary>Cancels the sweep (its grain stops dispatching; shards in flight skip); returns the state it had.</summary>
    public async Task<string> CancelAsync(string sweepId, CancellationToken cancellation)
    {
        var status = await StatusAsync(sweepId, cancellation);
        if (status.State != SweepStates.Running)
        {
            return status.State;
        }

        // Recorded first, so shards in flight skip even before the grain answers, and a sweep whose
        // grain never started (no silo up) is not started by the first silo to join.
        await _store.SetStateAsync(sweepId, SweepStates.Cancelled, cancellation);
        try
        {
            var grains = await _grains();
            await grains.GetGrain<ISweepGrain>(sweepId).CancelAsync().WaitAsync(cancellation);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            // No silo answers: nothing is dispatching the sweep, and none will start it cancelled.
        }

        return SweepStates.Running;
    }

    /// <summary>
    /// Follows the sweep until its grain has finalized it (pareto.parquet, sweep.json, _SUCCESS). Ends
    /// with <see cref="SweepCancelledException"/> if it is cancelled, and with
    /// <see cref="SweepFailedException"/> once every shard not done is in the error state.
    /// </summary>
    public async Task<SweepSummary> WaitAsync(string sweepId, ISweepObserver observer, CancellationToken cancellation)
    {
        if (await _store.FindSweepAsync(sweepId, cancellation) is null)
        {
            throw UnknownSweep(sweepId);
        }

        var sweep = await new StoreSweepCatalog(_store).GetAsync(sweepId, cancellation);
        if (await _store.StateAsync(sweepId, cancellation) == SweepStates.Cancelled)
        {
            // Not asked of the grain: one that never started would be started by being followed.
            var (done, _) = await _store.ProgressAsync(sweepId, cancellation);
            throw new SweepCancelledException($"sweep {sweepId} was cancelled with {done:N0} of {sweep.Space.ShardCount:N0} shards done (kept); `life-sweep resume {sweepId}` continues it");
        }

        var driver = new SweepDriver(
            await _grains(), TimeSpan.FromMilliseconds(500),
            $"; `life-sweep resume {sweepId}` retries the failed ones",
            $"; `life-sweep resume {sweepId}` continues it");
        return await driver.RunAsync(sweep, observer, start: false, cancellation);
    }

    private static string NewId(SweepSpec spec, string output)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{spec.Hash}\n{output}"));
        return $"sw-{Convert.ToHexStringLower(hash)[..12]}";
    }

    private static EngineInputException UnknownSweep(string sweepId) => new($"no sweep '{sweepId}' in this cluster's database");
}
