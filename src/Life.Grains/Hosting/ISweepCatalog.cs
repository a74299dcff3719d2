using Life.Sweep.Workers;

namespace Life.Grains.Hosting;

/// <summary>
/// Where a silo finds the sweeps its grains serve: the spec, the checkpoint store and the output
/// directory of a sweep id. Embedded, the process that runs the sweep registers it
/// (<see cref="InProcessSweepCatalog"/>); on a cluster every silo reads it back from PostgreSQL
/// (<see cref="StoreSweepCatalog"/>).
/// </summary>
public interface ISweepCatalog
{
    /// <summary>What sweep.json names as the checkpoint location.</summary>
    string CheckpointsLabel { get; }

    /// <summary>
    /// Whether the sweep grain may delete stale staging files when it starts: only where no other
    /// process can be writing this sweep's shards (the embedded run).
    /// </summary>
    bool OwnsOutputDirectory { get; }

    Task<SweepContext> GetAsync(string sweepId, CancellationToken cancellation);

    /// <summary>Records the sweep's state where clients read it (the cluster's life_sweeps row).</summary>
    Task SetStateAsync(string sweepId, string state, CancellationToken cancellation);
}
