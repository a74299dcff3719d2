namespace Life.Grains.Sweeps;

/// <summary>
/// The coordinator of one sweep, keyed by sweep id: verifies what the checkpoint store says is done,
/// dispatches the rest to shard worker grains with a bounded number in flight across the cluster,
/// retries calls lost with their silo, and finalizes the dataset (pareto.parquet, sweep.json,
/// _SUCCESS). The sweep must be recorded in the store (and, embedded, registered) before it starts.
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep, or starts it again after a failure or a cancel; a running one goes on. Idempotent.</summary>
    Task<SweepReport> StartAsync();

    /// <param name="noticesSeen">Notices the caller has already shown (only later ones are returned).</param>
    Task<SweepReport> ReportAsync(int noticesSeen);

    /// <summary>Stops dispatching; shards in flight finish or skip; what is done is kept.</summary>
    Task<SweepReport> CancelAsync();
}
