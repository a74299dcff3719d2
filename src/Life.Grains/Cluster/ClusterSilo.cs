using Life.Checkpoints;
using Life.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Life.Grains.Cluster;

/// <summary>
/// A cluster silo: membership, the sweep grains' state and reminders in PostgreSQL through the
/// ADO.NET providers, shard checkpoints in the project's own tables (<see cref="PostgresCheckpointStore"/>).
/// Membership is tuned so a killed silo is declared dead, and the calls it held are lost and made
/// again, within a few seconds instead of Orleans' default tens of seconds; a sweep grain that lived
/// on it is called at once from a live silo (<see cref="SweepRecovery"/>).
/// </summary>
public static class ClusterSilo
{
    /// <summary>
    /// The fallback: how soon a running sweep's grain is re-activated when no live silo saw its silo
    /// die (every survivor calls it at once when one does, <see cref="SweepRecovery"/>), e.g. after
    /// the whole cluster was down. Also what keeps the grain from being collected while no client calls.
    /// </summary>
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
            // docs/cluster.md, "A silo dies", says why each value. A probe every second; a silo
            // that misses 2 in a row is suspected (a SIGKILLed silo refuses the connection at once,
            // so that is ~2 s). Votes needed: min(2, (active silos + 1) / 2), Orleans' rule, so a
            // 2-silo cluster declares its peer with one vote and a larger one needs two witnesses.
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 2;
            // Suspicions older than this do not add up with new ones: a blip of load on a shared
            // machine long ago cannot combine with a fresh one into a false declaration.
            membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
            // Others learn of a declaration from gossip at once, or from the table within 2 s.
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            // A silo silent in the table for 3 x 2 s is stale: it no longer counts towards the votes
            // needed, and a silo that is still joining (which probes no one) evicts it. That is
            // the case of a dead silo with no active survivor, only replacements starting.
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        });
        // A call waits for a shard slot, then for its shard (minutes for a large one): the calls a
        // dead silo held are failed when it is declared dead, so this timeout only bounds a call
        // lost some other way, and must not cut off a long shard.
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
