using Life.Grains.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Life.Grains.Cluster;

/// <summary>
/// The client's side of the queue: connects to RabbitMQ on first use and sends one persistent
/// <see cref="EvaluateShard"/> per shard to the durable shard queue, many in flight at once (each
/// send waits for the broker's confirm, so one at a time would take minutes for a million shards).
/// </summary>
public sealed class ClusterShardDispatcher : IShardDispatcher, IAsyncDisposable
{
    private const int InFlight = 256;
    private readonly ClusterSettings _settings;
    private ServiceProvider? _provider;
    private IBusControl? _bus;

    public ClusterShardDispatcher(ClusterSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Shards sent so far (for progress messages).</summary>
    public long Sent { get; private set; }

    public async Task DispatchAsync(string sweepId, IReadOnlyList<long> shards, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var bus = await StartAsync(cancellation);
        var endpoint = await bus.GetSendEndpoint(ShardQueue.Address);
        var pending = new List<Task>(InFlight);
        foreach (var shard in shards)
        {
            pending.Add(endpoint.Send(new EvaluateShard(sweepId, shard), context => context.Durable = true, cancellation));
            if (pending.Count == InFlight)
            {
                await Task.WhenAll(pending);
                Sent += pending.Count;
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        Sent += pending.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync(CancellationToken.None);
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private async Task<IBusControl> StartAsync(CancellationToken cancellation)
    {
        if (_bus is not null)
        {
            return _bus;
        }

        var services = new ServiceCollection();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.UsingClusterRabbitMq(_settings, $"life-sweep@{Environment.MachineName}:{Environment.ProcessId}");
        });
        _provider = services.BuildServiceProvider();
        var control = _provider.GetRequiredService<IBusControl>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await control.StartAsync(timeout.Token);
        _bus = control;
        return control;
    }
}
