using Life.Checkpoints;
using Life.Grains.Sweeps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Life.Grains.Cluster;

/// <summary>
/// When a silo has joined, every sweep recorded as running whose grain never started (submitted
/// while no silo was up, or its submit killed before it reached the grain) is started. Sweeps whose
/// grain ran keep their own phase: their reminder and activation carry them on.
/// </summary>
public sealed class SweepRecovery : BackgroundService
{
    private readonly PostgresCheckpointStore _store;
    private readonly IGrainFactory _grains;
    private readonly ILogger<SweepRecovery> _logger;

    public SweepRecovery(PostgresCheckpointStore store, IGrainFactory grains, ILogger<SweepRecovery> logger)
    {
        _store = store;
        _grains = grains;
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
    }
}
