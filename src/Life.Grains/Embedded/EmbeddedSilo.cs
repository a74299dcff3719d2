using Life.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Life.Grains.Embedded;

/// <summary>
/// The silo inside <c>life-sweep run</c>: localhost clustering on a free loopback port and no
/// gateway (nothing outside the process calls it), memory grain storage, no reminders (the sweep
/// lives as long as the process), no logging (the CLI shows progress itself).
/// </summary>
public static class EmbeddedSilo
{
    public static IHost Build(ISweepCatalog catalog, int workers)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: 0, serviceId: "life-sweep", clusterId: $"embedded-{Environment.ProcessId}-{Guid.NewGuid():N}");
                silo.AddMemoryGrainStorage(SweepStorage.Name);
                silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromMinutes(30));
                silo.Services.AddSweepGrains(catalog, "embedded", workers, options =>
                {
                    // Twice the slots: a shard is always queued when one finishes, so no slot waits on a round trip.
                    options.MaxShardsInFlight = 2 * workers;
                    options.UseReminder = false;
                });
            })
            .Build();
    }
}
