using Life.Sweep.Coordination;
using Life.Sweep.Results;
using Life.Sweep.Workers;

namespace Life.Grains.Sweeps;

/// <summary>
/// The one sweep driver, for <c>life-sweep run</c> (an in-process silo) and the cluster client
/// (<c>wait</c>): starts the sweep grain when asked or when it has nothing to go on (its state was
/// lost with a memory-storage silo), follows its reports, shows notices and progress, and turns the
/// end into a summary or an exception.
/// </summary>
public sealed class SweepDriver
{
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(5);
    private const int LostCallAttempts = 60;

    private readonly IGrainFactory _grains;
    private readonly TimeSpan _maximumPoll;
    private readonly string _failureHint;
    private readonly string _cancelHint;

    /// <param name="failureHint">Appended to a failure: how to resume in this mode.</param>
    /// <param name="cancelHint">Appended to a cancellation: how to continue in this mode.</param>
    public SweepDriver(IGrainFactory grains, TimeSpan maximumPoll, string failureHint, string cancelHint)
    {
        _grains = grains;
        _maximumPoll = maximumPoll;
        _failureHint = failureHint;
        _cancelHint = cancelHint;
    }

    /// <param name="start">Start (or restart) the sweep; otherwise only follow it, starting it only if its grain never was.</param>
    public async Task<SweepSummary> RunAsync(SweepContext sweep, ISweepObserver observer, bool start, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(observer);
        var grain = _grains.GetGrain<ISweepGrain>(sweep.SweepId);
        var seen = 0;
        var report = await CallAsync(() => start ? grain.StartAsync() : grain.ReportAsync(0), cancellation);
        observer.OnStarted(Progress(report));
        while (true)
        {
            foreach (var notice in report.Notices)
            {
                observer.OnMessage(notice);
            }

            seen = report.NoticesSeen;
            switch (report.Phase)
            {
                case SweepPhase.Completed when report.Outcome is { } outcome:
                    observer.OnProgress(Progress(report));
                    return Summary(sweep, outcome);
                case SweepPhase.Failed:
                    throw new SweepFailedException($"{report.Error}{_failureHint}");
                case SweepPhase.Cancelled:
                    throw new SweepCancelledException($"sweep {sweep.SweepId} was cancelled with {report.ShardsDone:N0} of {report.ShardsTotal:N0} shards done (kept){_cancelHint}");
                case SweepPhase.Idle:
                    report = await CallAsync(grain.StartAsync, cancellation);
                    continue;
            }

            observer.OnProgress(Progress(report));
            // Poll at most every 5% of the time so far: a sweep of a second ends within tens of
            // milliseconds of its last shard, a long one costs a grain call per interval.
            var delay = Math.Clamp(report.Elapsed.Ticks / 20, MinimumPoll.Ticks, _maximumPoll.Ticks);
            await Task.Delay(TimeSpan.FromTicks(delay), cancellation);
            report = await CallAsync(() => grain.ReportAsync(seen), cancellation);
        }
    }

    /// <summary>
    /// A call to the sweep grain, made again while its silo is being declared dead and the grain
    /// re-activated elsewhere (the sweep itself goes on: its shards are in the checkpoint store).
    /// </summary>
    private static async Task<SweepReport> CallAsync(Func<Task<SweepReport>> call, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(cancellation);
            }
            catch (Exception e) when (attempt < LostCallAttempts && (e is OrleansException or TimeoutException || Life.Checkpoints.TransientRetry.IsTransient(e)))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        }
    }

    private static SweepProgress Progress(SweepReport report)
    {
        var seconds = report.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? (report.Rows - report.RowsAtStart) / seconds : 0;
        return new SweepProgress(report.ShardsDone, report.ShardsTotal, report.Rows, report.RowsTotal, report.Elapsed, Math.Max(rate, 0));
    }

    private static SweepSummary Summary(SweepContext sweep, SweepOutcome outcome)
    {
        // Front rows are a pure function of the spec and their ids: evaluated here, not shipped.
        var front = new ResultBatch(sweep.Spec, Math.Max(outcome.FrontIds.Length, 1));
        new ShardEvaluator(sweep.Space).EvaluateIds(outcome.FrontIds, front);
        return new SweepSummary(
            sweep.Spec, sweep.SweepId, sweep.OutputDirectory, outcome.Configurations, outcome.Shards, outcome.ShardsRunNow,
            outcome.RowsMeetingConstraints, front, outcome.Elapsed, outcome.ConfigsPerSecond);
    }
}
