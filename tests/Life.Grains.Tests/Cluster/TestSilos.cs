using Life.Grains.Hosting;
using Life.Sweep.Workers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Life.Grains.Tests.Cluster;

/// <summary>
/// The silos of an in-process test cluster: the grains as life-silo hosts them, one shard slot per
/// silo, memory grain storage, the sweeps registered in a catalog the silos share (one process), a
/// short pause per shard so a sweep lasts long enough to lose a silo in the middle, and membership
/// tuned to declare a dead silo within seconds.
/// </summary>
internal sealed class TestSilos : ISiloConfigurator
{
    public static InProcessSweepCatalog Catalog { get; } = new();

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddMemoryGrainStorage(SweepStorage.Name);
        siloBuilder.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
        siloBuilder.Services.AddSweepGrains(Catalog, "test", shardSlots: 1, options => options.MaxShardsInFlight = 6);
        siloBuilder.Services.AddSingleton<IShardWorker>(provider => new PausingShardWorker(new ShardWorker(provider.GetRequiredService<SiloWorkerName>().Value)));
    }

    private sealed class PausingShardWorker(IShardWorker inner) : IShardWorker
    {
        public async Task<ShardOutcome> ProcessAsync(SweepContext sweep, long shard, CancellationToken cancellation)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30), cancellation);
            return await inner.ProcessAsync(sweep, shard, cancellation);
        }
    }
}
