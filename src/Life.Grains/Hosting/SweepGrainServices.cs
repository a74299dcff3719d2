using Life.Sweep.Workers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Life.Grains.Hosting;

/// <summary>What the sweep and shard grains need from a silo's container; each host (embedded run, life-silo, tests) composes it.</summary>
public static class SweepGrainServices
{
    /// <param name="workerRole">How this silo's shards are attributed in checkpoints ("embedded", "silo").</param>
    /// <param name="shardSlots">Shards evaluated at once on this silo.</param>
    /// <param name="nameEachSilo">Whether the worker name includes the silo's (several silos in one process).</param>
    public static IServiceCollection AddSweepGrains(this IServiceCollection services, ISweepCatalog catalog, string workerRole, int shardSlots, Action<SweepGrainOptions> configure, bool nameEachSilo = true)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(new ShardSlots(shardSlots));
        // Several silos may share one process (tests): each records its own name.
        services.AddSingleton(provider => SiloWorkerName.ForThisProcess(workerRole, nameEachSilo ? provider.GetRequiredService<ILocalSiloDetails>().Name : null));
        services.AddSingleton<IShardWorker>(provider => new ShardWorker(provider.GetRequiredService<SiloWorkerName>().Value));
        services.Configure(configure);
        return services;
    }
}
