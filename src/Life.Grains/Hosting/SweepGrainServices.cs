using Life.Sweep.Workers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Life.Grains.Hosting;

/// <summary>What the sweep and shard grains need from a silo's container; each host (embedded run, life-silo, tests) composes it.</summary>
public static class SweepGrainServices
{
    /// <param name="workerRole">How this silo's shards are attributed in checkpoints ("embedded", "silo").</param>
    /// <param name="shardSlots">Shards evaluated at once on this silo.</param>
    public static IServiceCollection AddSweepGrains(this IServiceCollection services, ISweepCatalog catalog, string workerRole, int shardSlots, Action<SweepGrainOptions> configure)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(new ShardSlots(shardSlots));
        // Several silos may share one process (tests): each records its own name.
        services.AddSingleton(provider => SiloWorkerName.ForThisProcess(workerRole, provider.GetRequiredService<ILocalSiloDetails>().Name));
        services.AddSingleton<IShardWorker>(provider => new ShardWorker(provider.GetRequiredService<SiloWorkerName>().Value));
        services.Configure(configure);
        return services;
    }
}
