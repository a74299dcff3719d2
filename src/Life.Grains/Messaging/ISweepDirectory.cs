using Life.Sweep.Workers;

namespace Life.Grains.Messaging;

/// <summary>Finds the context of a sweep named in a message (in-process registry, or the cluster's store).</summary>
public interface ISweepDirectory
{
    Task<SweepContext> GetAsync(string sweepId, CancellationToken cancellation);
}
