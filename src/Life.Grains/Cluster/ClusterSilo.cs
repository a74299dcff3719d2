using Life.Checkpoints;
using Life.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Life.Grains.Cluster;

/// <summary>
/// A cluster silo: membership, the sweep grains' state and reminders in PostgreSQL through the
/// ADO.NET providers, shard checkpoints in the project's own tables (<see cref="PostgresCheckpointStore"/>).
/// Membership is tuned so a killed silo is declared dead, and the calls it held are lost and made
/// again, within a few seconds instead of Orleans' default tens of seconds.
/// </summary>
public static class ClusterSilo
{
    /// <summary>How soon a sweep whose grain's silo died is picked up again when no client calls it.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(15);

    public static ISiloBuilder UseLifeSweepCluster(this ISiloBuilder silo, ClusterSettings settings, ClusterSiloOptions options, PostgresCheckpointStore store)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = ClusterSettings.ClusterId;
            cluster.ServiceId = ClusterSettings.ClusterId;
        });
        silo.ConfigureEndpoints(options.Advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = OrleansSchema.Invariant;
            clustering.ConnectionString = settings.Postgres;
        });
        silo.AddAdoNetGrainStorage(SweepStorage.Name, storage =>
        {
            storage.Invariant = OrleansSchema.Invariant;
            storage.ConnectionString = settings.Postgres;
        });
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = OrleansSchema.Invariant;
            reminders.ConnectionString = settings.Postgres;
        });
        silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = ReminderPeriod);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            // A probe every second, declared dead after 2 missed (a SIGKILLed silo refuses the
            // connection at once); one vote suffices, so a 2-silo cluster can declare its peer.
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        // A call waits for a shard slot, then for its shard: a dead silo is found by membership, not by this timeout.
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromMinutes(10));
        silo.Services.AddSweepGrains(new StoreSweepCatalog(store), "silo", options.Concurrency, grain =>
        {
            grain.MaxShardsInFlight = options.MaxShardsInFlight;
            grain.UseReminder = true;
            grain.ReminderPeriod = ReminderPeriod;
        }, nameEachSilo: false);
        silo.Services.AddSingleton(store);
        silo.Services.AddHostedService<SweepRecovery>();
        return silo;
    }
}
