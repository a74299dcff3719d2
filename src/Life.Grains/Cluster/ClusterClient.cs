using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Life.Grains.Cluster;

/// <summary>
/// The CLI's Orleans client: finds the silos' gateways through the membership table in PostgreSQL.
/// Connecting is retried until <c>giveUpAfter</c>, so a submit made while the silos start waits for them.
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host)
    {
        _host = host;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClient> ConnectAsync(ClusterSettings settings, TimeSpan giveUpAfter, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var deadline = DateTimeOffset.UtcNow + giveUpAfter;
        while (true)
        {
            var host = new HostBuilder()
                .UseOrleansClient(client =>
                {
                    client.Configure<ClusterOptions>(cluster =>
                    {
                        cluster.ClusterId = ClusterSettings.ClusterId;
                        cluster.ServiceId = ClusterSettings.ClusterId;
                    });
                    client.UseAdoNetClustering(clustering =>
                    {
                        clustering.Invariant = OrleansSchema.Invariant;
                        clustering.ConnectionString = settings.Postgres;
                    });
                    client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromMinutes(2));
                    client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
                })
                .Build();
            // Without a gateway in the membership table the client keeps trying: bounded here.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            attempt.CancelAfter(Max(deadline - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)));
            try
            {
                await host.StartAsync(attempt.Token);
                return new ClusterClient(host);
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && DateTimeOffset.UtcNow < deadline && e is not OperationCanceledException)
            {
                host.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
            catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
            {
                host.Dispose();
                throw new TimeoutException($"no silo of the cluster answered within {giveUpAfter.TotalSeconds:0} s (is a life-silo running against this database?)", e);
            }
            catch
            {
                host.Dispose();
                throw;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
