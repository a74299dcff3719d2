using Life.Checkpoints;
using Life.Grains.Sweeps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Life.Grains.Cluster;

/// <summary>
/// Keeps recorded sweeps running across silo starts and deaths. When this silo has joined, every
/// sweep recorded as running whose grain never started (submitted while no silo was up, or its
/// submit killed before it reached the grain) is started. Then, each time membership declares a
/// silo dead, every running sweep's grain is called at once: a grain that lived on the dead silo is
/// re-activated on a live one and resumes dispatching now, rather than at its reminder's next tick
/// (the reminder stays, for a silo that died while no other was up to see it).
/// </summary>
public sealed class SweepRecovery : BackgroundService
{
    private static readonly TimeSpan HandOverRetry = TimeSpan.FromMilliseconds(500);
    private const int HandOverAttempts = 20;

    private readonly PostgresCheckpointStore _store;
    private readonly IGrainFactory _grains;
    private readonly IClusterMembershipService _membership;
    private readonly ILogger<SweepRecovery> _logger;

    public SweepRecovery(PostgresCheckpointStore store, IGrainFactory grains, IClusterMembershipService membership, ILogger<SweepRecovery> logger)
    {
        _store = store;
        _grains = grains;
        _membership = membership;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var sweepId in await _store.RunningSweepsAsync(stoppingToken))
            {
                var grain = _grains.GetGrain<ISweepGrain>(sweepId);
                if ((await grain.ReportAsync(0).WaitAsync(stoppingToken)).Phase == SweepPhase.Idle)
                {
                    _logger.LogInformation("sweep {Sweep}: recorded as running and never started, starting it", sweepId);
                    await grain.StartAsync().WaitAsync(stoppingToken);
                }
            }
        }
#pragma warning disable CA1031 // Recovery is a convenience: resume does the same, so a failure is logged, not fatal.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _logger.LogWarning("recovering running sweeps failed: {Error}", e.Message);
        }

        await WatchForDeathsAsync(stoppingToken);
    }

    private async Task WatchForDeathsAsync(CancellationToken stoppingToken)
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                if (previous is not null)
                {
                    var died = snapshot.CreateUpdate(previous).Changes.Where(member => member.Status == SiloStatus.Dead).Select(member => member.SiloAddress).ToList();
                    if (died.Count > 0)
                    {
                        await HandOverAsync(died, stoppingToken);
                    }
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task HandOverAsync(IReadOnlyList<SiloAddress> died, CancellationToken stoppingToken)
    {
        IReadOnlyList<string> running;
        try
        {
            running = await _store.RunningSweepsAsync(stoppingToken);
        }
#pragma warning disable CA1031 // The reminder still carries the sweeps on: logged, not fatal.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _logger.LogWarning("silo {Silos} declared dead; listing running sweeps failed: {Error}", string.Join(", ", died), e.Message);
            return;
        }

        foreach (var sweepId in running)
        {
            // The directory may still point at the dead silo for a moment: call again shortly.
            for (var attempt = 1; attempt <= HandOverAttempts && !stoppingToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    var report = await _grains.GetGrain<ISweepGrain>(sweepId).ReportAsync(int.MaxValue).WaitAsync(stoppingToken);
                    _logger.LogInformation("silo {Silos} declared dead: sweep {Sweep} called ({Phase}, {Done}/{Total} shards), so its grain runs on a live silo", string.Join(", ", died), sweepId, report.Phase, report.ShardsDone, report.ShardsTotal);
                    break;
                }
#pragma warning disable CA1031 // Whatever failed the call, try again; the reminder is the fallback.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    _logger.LogInformation("silo {Silos} declared dead: calling sweep {Sweep} failed (attempt {Attempt}: {Error})", string.Join(", ", died), sweepId, attempt, e.Message);
                    await Task.Delay(HandOverRetry, stoppingToken);
                }
            }
        }
    }
}
