using System.Collections.Concurrent;
using Life.Checkpoints;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Grains.Hosting;

/// <summary>
/// Sweeps recorded in the cluster's PostgreSQL (a silo's view): the spec is parsed back from its
/// canonical JSON, checked against the recorded hash, and the context cached per silo, so a silo
/// serves any sweep submitted to the cluster without being told about it.
/// </summary>
public sealed class StoreSweepCatalog : ISweepCatalog
{
    /// <summary>What sweep.json names as the checkpoint location of a cluster sweep.</summary>
    public const string Label = "postgresql (life_shards)";

    private readonly PostgresCheckpointStore _store;
    private readonly ConcurrentDictionary<string, Lazy<Task<SweepContext>>> _sweeps = new(StringComparer.Ordinal);

    // This silo's catalog and efficiency defaults: a spec resolved under other defaults is refused.
    private readonly Life.Engine.Catalog.BuiltInCatalog _catalog = Life.Engine.Catalog.BuiltInCatalog.LoadShipped();

    public StoreSweepCatalog(PostgresCheckpointStore store)
    {
        _store = store;
    }

    public string CheckpointsLabel => Label;

    public bool OwnsOutputDirectory => false;

    public async Task<SweepContext> GetAsync(string sweepId, CancellationToken cancellation)
    {
        var entry = _sweeps.GetOrAdd(sweepId, id => new Lazy<Task<SweepContext>>(() => LoadAsync(id, CancellationToken.None)));
        try
        {
            return await entry.Value.WaitAsync(cancellation);
        }
        catch when (entry.Value.IsFaulted)
        {
            // A failed load (database down, unknown sweep) is not cached: the next call tries again.
            _sweeps.TryRemove(new KeyValuePair<string, Lazy<Task<SweepContext>>>(sweepId, entry));
            throw;
        }
    }

    public Task SetStateAsync(string sweepId, string state, CancellationToken cancellation) => _store.SetStateAsync(sweepId, state, cancellation);

    private async Task<SweepContext> LoadAsync(string sweepId, CancellationToken cancellation)
    {
        var identity = await _store.FindSweepAsync(sweepId, cancellation)
            ?? throw new InvalidOperationException($"sweep '{sweepId}' is not recorded in this cluster's database");
        var spec = SweepSpecParser.Parse(identity.SpecJson, $"sweep {sweepId}", identity.OutputDirectory, _catalog, allowHuge: true);
        if (spec.Hash != identity.SpecHash)
        {
            throw new InvalidOperationException($"sweep '{sweepId}': its spec resolves differently on this silo (hash {spec.Hash[..12]}, recorded {identity.SpecHash[..12]}); is this silo a different LifeSweep version?");
        }

        return new SweepContext(identity, spec, _store);
    }
}
