using Life.Checkpoints;
using Life.Sweep.Checkpoints;
using Life.Grains.Messaging;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Life.Silo;

/// <summary>
/// Health logging: every interval, one line with the bus's health, whether the database answered,
/// and this silo's counters; the same numbers go to the workers table as a heartbeat, which
/// <c>life-sweep status</c> uses to tell live workers from gone ones.
/// </summary>
public sealed class SiloHealthReporter : BackgroundService
{
    private readonly IBusControl _bus;
    private readonly PostgresCheckpointStore _store;
    private readonly SiloActivity _activity;
    private readonly WorkerIdentity _identity;
    private readonly WorkerConcurrency _concurrency;
    private readonly SiloOptions _options;
    private readonly ILogger<SiloHealthReporter> _logger;

    public SiloHealthReporter(IBusControl bus, PostgresCheckpointStore store, SiloActivity activity, WorkerIdentity identity, WorkerConcurrency concurrency, SiloOptions options, ILogger<SiloHealthReporter> logger)
    {
        _bus = bus;
        _store = store;
        _activity = activity;
        _identity = identity;
        _concurrency = concurrency;
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
                await _store.HeartbeatAsync(_identity.Name, _activity.Started, _concurrency.Value, _activity.InFlight, _activity.Completed, timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                database = $"unreachable ({e.GetType().Name})";
            }

            var bus = _bus.CheckHealth();
            _logger.LogInformation(
                "health: bus {Bus}, database {Database}, in flight {InFlight}/{Concurrency}, shards completed {Completed} ({Rows} rows), already done {AlreadyDone}, lost races {LostRaces}, skipped {Skipped}, failed attempts {Failed}",
                bus.Status,
                database,
                _activity.InFlight,
                _concurrency.Value,
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
