using System.Diagnostics;
using System.Globalization;
using Life.Grains.Hosting;
using Life.Grains.Shards;
using Life.Sweep.Checkpoints;
using Life.Sweep.Coordination;
using Life.Sweep.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Life.Grains.Sweeps;

/// <summary>
/// The coordinator of one sweep (see <see cref="ISweepGrain"/>). Reentrant, so reports are answered
/// while the dispatch loop awaits its shard calls. Its state is written on transitions only; the
/// checkpoint store says which shards are done, so the same loop serves a first run, a resume, and a
/// grain re-activated on another silo after its own died (activation restarts a running sweep, and
/// the reminder re-activates it when no client calls).
/// </summary>
[Reentrant]
public sealed class SweepGrain : Grain, ISweepGrain, IRemindable
{
    private const string ReminderName = "keep-running";
    private static readonly TimeSpan LoopRestartBackoff = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<SweepGrainState> _state;
    private readonly ISweepCatalog _catalog;
    private readonly SweepGrainOptions _options;
    private readonly ILogger<SweepGrain> _logger;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly List<string> _notices = [];
    private readonly string _nonce = Guid.NewGuid().ToString("N")[..8];
    private Task? _loop;
    private int _run;
    private long _calls;
    private long _rowsAtStart;
    private Stopwatch _clock = new();
    private DateTimeOffset _loopFailed = DateTimeOffset.MinValue;
    private bool _reactivatedWhileRunning;

    public SweepGrain(
        [PersistentState("sweep", SweepStorage.Name)] IPersistentState<SweepGrainState> state,
        ISweepCatalog catalog,
        IOptions<SweepGrainOptions> options,
        ILogger<SweepGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _catalog = catalog;
        _options = options.Value;
        _logger = logger;
    }

    private string SweepId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Phase == SweepPhase.Running)
        {
            // Re-activated while running: its previous silo died, or it was collected while idle.
            _logger.LogInformation("sweep {Sweep}: grain active on this silo, re-activated while running, resuming dispatch", SweepId);
            _reactivatedWhileRunning = true;
            StartLoop();
        }
        else
        {
            _logger.LogInformation("sweep {Sweep}: grain active on this silo ({Phase})", SweepId, _state.State.Phase);
        }

        return Task.CompletedTask;
    }

    public async Task<SweepReport> StartAsync()
    {
        if (_state.State.Phase == SweepPhase.Running && _loop is { IsCompleted: false })
        {
            return await ReportCoreAsync(0);
        }

        _state.State.Phase = SweepPhase.Running;
        _state.State.Error = null;
        _state.State.Outcome = null;
        _state.State.Started = DateTimeOffset.UtcNow;
        _state.State.Ended = null;
        await WriteStateAsync();
        if (_options.UseReminder)
        {
            await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        }

        StartLoop();
        return await ReportCoreAsync(0);
    }

    public Task<SweepReport> ReportAsync(int noticesSeen)
    {
        if (_state.State.Phase == SweepPhase.Running && _loop is { IsCompleted: true } && DateTimeOffset.UtcNow - _loopFailed > LoopRestartBackoff)
        {
            StartLoop();
        }

        return ReportCoreAsync(noticesSeen);
    }

    public async Task<SweepReport> CancelAsync()
    {
        if (_state.State.Phase == SweepPhase.Running)
        {
            _run++;
            await _catalog.SetStateAsync(SweepId, SweepStates.Cancelled, CancellationToken.None);
            await EndAsync(SweepPhase.Cancelled, null, null);
        }

        return await ReportCoreAsync(0);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_state.State.Phase != SweepPhase.Running)
        {
            await UnregisterReminderAsync();
            return;
        }

        // The tick is a call, so the grain is not collected while its sweep runs without clients.
        if (_loop is null || _loop.IsCompleted)
        {
            StartLoop();
        }
    }

    private void StartLoop()
    {
        var run = ++_run;
        _clock = Stopwatch.StartNew();
        _loop = RunAsync(run);
    }

    private async Task RunAsync(int run)
    {
        try
        {
            var sweep = await _catalog.GetAsync(SweepId, CancellationToken.None);
            var plan = await ShardPlan.PrepareAsync(sweep, Notice, _catalog.OwnsOutputDirectory, CancellationToken.None, verifyFiles: !_reactivatedWhileRunning);
            (_, _rowsAtStart) = await sweep.Store.ProgressAsync(SweepId, CancellationToken.None);
            var errored = await DispatchAsync(sweep, plan, run);
            if (run != _run)
            {
                return;
            }

            if (errored.Count > 0)
            {
                var first = errored.MinBy(e => e.Shard)!;
                var (done, _) = await sweep.Store.ProgressAsync(SweepId, CancellationToken.None);
                await EndAsync(
                    SweepPhase.Failed,
                    string.Create(CultureInfo.InvariantCulture, $"{errored.Count} shard(s) failed after {first.Attempts} attempts (shard {first.Shard}: {first.Error}); {done} of {sweep.Space.ShardCount} shards are done and kept"),
                    null);
                return;
            }

            // Every shard is recorded: what staging files remain are from killed workers or lost races.
            ShardPlan.RemoveStagingFiles(sweep);
            var elapsed = _clock.Elapsed;
            var rowsAtStart = _rowsAtStart;
            // Merging fronts and writing pareto.parquet is CPU work: off the grain's scheduler.
            var summary = await Task.Run(() => new SweepFinalizer(sweep, _catalog.CheckpointsLabel).FinalizeAsync(elapsed, plan.PendingCount, rowsAtStart, CancellationToken.None));
            if (run != _run)
            {
                return;
            }

            await _catalog.SetStateAsync(SweepId, SweepStates.Completed, CancellationToken.None);
            var outcome = new SweepOutcome(
                summary.Configurations, summary.Shards, summary.ShardsRunNow, summary.RowsMeetingConstraints,
                summary.Front.ConfigIds[..summary.Front.Count], summary.Elapsed, summary.ConfigsPerSecond);
            await EndAsync(SweepPhase.Completed, null, outcome);
            _logger.LogInformation("sweep {Sweep}: completed, {Rows} rows in {Shards} shards", SweepId, summary.Configurations, summary.Shards);
        }
#pragma warning disable CA1031 // A failed run is reported (embedded) or retried (cluster); it must not vanish as an unobserved task.
        catch (Exception e) when (run == _run)
#pragma warning restore CA1031
        {
            _logger.LogWarning("sweep {Sweep}: run failed: {Error}", SweepId, e.Message);
            _loopFailed = DateTimeOffset.UtcNow;
            if (!_options.UseReminder)
            {
                await EndAsync(SweepPhase.Failed, $"{e.GetType().Name}: {e.Message}", null);
            }
        }
    }

    /// <summary>
    /// Keeps at most <see cref="SweepGrainOptions.MaxShardsInFlight"/> shard calls outstanding, taking
    /// shards from the plan lazily. A failed shard is called again after a backoff until it has
    /// <see cref="SweepGrainOptions.MaxAttempts"/> failures; a call lost with its silo (or timed out)
    /// is made again at once, to a new activation that placement puts on a live silo, ahead of that
    /// silo's queue.
    /// </summary>
    private async Task<List<ErroredShard>> DispatchAsync(SweepContext sweep, ShardPlan plan, int run)
    {
        var errored = new List<ErroredShard>();
        var failures = new Dictionary<long, int>();
        var lost = new Dictionary<long, int>();
        var running = new Dictionary<Task<ShardResult>, long>();
        using var pending = plan.Pending().GetEnumerator();
        var more = true;
        var kept = Stopwatch.StartNew();

        // Re-activated because its silo died: the first window of shards are those the previous
        // activation had in flight, one of them on the dead silo. They go ahead of the calls the old
        // activation left queued on live silos, so the lost one is not last in line.
        var rerunsLeft = _reactivatedWhileRunning ? _options.MaxShardsInFlight : 0;
        _reactivatedWhileRunning = false;
        while (run == _run)
        {
            while (more && running.Count < _options.MaxShardsInFlight)
            {
                more = pending.MoveNext();
                if (more)
                {
                    running.Add(CallAsync(sweep.SweepId, pending.Current, TimeSpan.Zero, rerun: rerunsLeft-- > 0), pending.Current);
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys);
            var shard = running[finished];
            running.Remove(finished);
            if (kept.Elapsed > TimeSpan.FromMinutes(1))
            {
                DelayDeactivation(TimeSpan.FromMinutes(10));
                kept.Restart();
            }

            ShardResult result;
            try
            {
                result = await finished;
            }
#pragma warning disable CA1031 // Whatever lost the call (silo died, timeout, rejection), the shard is called again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var count = lost[shard] = lost.GetValueOrDefault(shard) + 1;
                _logger.LogInformation("sweep {Sweep} shard {Shard}: call lost ({Error}), calling again", sweep.SweepId, shard, e.Message);
                if (count >= _options.MaxLostCalls)
                {
                    errored.Add(new ErroredShard(shard, count, $"{e.GetType().Name}: {e.Message}"));
                }
                else
                {
                    var delay = TimeSpan.FromTicks(Math.Min(_options.RetryDelay(count).Ticks, TimeSpan.FromSeconds(10).Ticks));
                    running.Add(CallAsync(sweep.SweepId, shard, delay, rerun: true), shard);
                }

                continue;
            }

            if (result.Kind == ShardResultKind.Failed)
            {
                var attempts = failures[shard] = Math.Max(failures.GetValueOrDefault(shard) + 1, result.FailedAttempts);
                if (attempts >= _options.MaxAttempts)
                {
                    errored.Add(new ErroredShard(shard, attempts, result.Error ?? "failed"));
                }
                else
                {
                    running.Add(CallAsync(sweep.SweepId, shard, _options.RetryDelay(attempts), rerun: false), shard);
                }
            }
        }

        return errored;
    }

    private async Task<ShardResult> CallAsync(string sweepId, long shard, TimeSpan delay, bool rerun)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        var call = ++_calls;
        var worker = GrainFactory.GetGrain<IShardWorkerGrain>(string.Create(CultureInfo.InvariantCulture, $"{sweepId}/{shard}/{_nonce}.{call}"));
        return await worker.EvaluateAsync(sweepId, shard, rerun);
    }

    private async Task<SweepReport> ReportCoreAsync(int noticesSeen)
    {
        long shards = 0, rows = 0, shardsTotal = 0, rowsTotal = 0;
        try
        {
            var sweep = await _catalog.GetAsync(SweepId, CancellationToken.None);
            (shards, rows) = await sweep.Store.ProgressAsync(SweepId, CancellationToken.None);
            (shardsTotal, rowsTotal) = (sweep.Space.ShardCount, sweep.Space.Count);
        }
        catch (Exception e) when (_state.State.Phase != SweepPhase.Running)
        {
            // An idle grain of an unknown sweep, or a finished one whose store is down: the phase still answers.
            _logger.LogDebug("sweep {Sweep}: no progress to report ({Error})", SweepId, e.Message);
        }

        var seen = Math.Clamp(noticesSeen, 0, _notices.Count);
        return new SweepReport(
            _state.State.Phase, shards, shardsTotal, rows, rowsTotal, _rowsAtStart, _clock.Elapsed,
            [.. _notices.Skip(seen)], _notices.Count, _state.State.Error, _state.State.Outcome);
    }

    private void Notice(string notice)
    {
        _notices.Add(notice);
        _logger.LogInformation("sweep {Sweep}: {Notice}", SweepId, notice);
    }

    private async Task EndAsync(SweepPhase phase, string? error, SweepOutcome? outcome)
    {
        _state.State.Phase = phase;
        _state.State.Error = error;
        _state.State.Outcome = outcome;
        _state.State.Ended = DateTimeOffset.UtcNow;
        await WriteStateAsync();
        await UnregisterReminderAsync();
    }

    private async Task WriteStateAsync()
    {
        // Reentrant: two transitions must not write at once (the second would fail its ETag check).
        await _writes.WaitAsync();
        try
        {
            await _state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task UnregisterReminderAsync()
    {
        if (!_options.UseReminder)
        {
            return;
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
