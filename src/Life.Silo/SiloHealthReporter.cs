using Life.Checkpoints;
using Life.Sweep.Checkpoints;
using Life.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Life.Silo;

/// <summary>
/// Health logging: every interval, one line with whether the database answered,
/// and this silo's counters; the same numbers go to the workers table as a heartbeat, which
/// <c>life-sweep status</c> uses to tell live workers from gone ones.
/// </summary>
public sealed class SiloHealthReporter : BackgroundService
{
    private readonly PostgresCheckpointStore _store;
    private readonly SiloActivity _activity;
    private readonly SiloWorkerName _identity;
    private readonly ShardSlots _slots;
    private readonly SiloOptions _options;
    private readonly ILogger<SiloHealthReporter> _logger;

    public SiloHealthReporter(PostgresCheckpointStore store, SiloActivity activity, SiloWorkerName identity, ShardSlots slots, SiloOptions options, ILogger<SiloHealthReporter> logger)
    {
        _store = store;
        _activity = activity;
        _identity = identity;
        _slots = slots;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HealthInterval);
        do
        {
            var database = "ok";
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(_options.HealthInterval);
                await _store.HeartbeatAsync(_identity.Value, _activity.Started, _slots.Count, _activity.InFlight, _activity.Completed, timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                database = $"unreachable ({e.GetType().Name})";
            }

            _logger.LogInformation(
                "health: database {Database}, in flight {InFlight}/{Concurrency}, shards completed {Completed} ({Rows} rows), already done {AlreadyDone}, lost races {LostRaces}, skipped {Skipped}, failed attempts {Failed}",
                database,
                _activity.InFlight,
                _slots.Count,
                _activity.Completed,
                _activity.Rows,
                _activity.AlreadyDone,
                _activity.LostRaces,
                _activity.Skipped,
                _activity.Failed);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
