using Life.Sweep.Coordination;
using Life.Sweep.Workers;

namespace Life.Grains.Coordination;

/// <summary>
/// The coordinator seam (grain-shaped): drives a sweep to completion — checks recorded shards,
/// hands out the missing ones, follows progress, merges the Pareto front and writes the dataset's
/// summary files.
/// </summary>
public interface ISweepCoordinator
{
    Task<SweepSummary> RunAsync(SweepContext sweep, ISweepObserver observer, CancellationToken cancellation);
}
