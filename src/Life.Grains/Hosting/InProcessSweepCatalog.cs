using System.Collections.Concurrent;
using Life.Sweep.Workers;

namespace Life.Grains.Hosting;

/// <summary>Sweeps run by this process (the embedded default), registered before the sweep grain is called.</summary>
public sealed class InProcessSweepCatalog : ISweepCatalog
{
    private readonly ConcurrentDictionary<string, SweepContext> _sweeps = new(StringComparer.Ordinal);

    public string CheckpointsLabel => "checkpoint.db";

    public bool OwnsOutputDirectory => true;

    public void Register(SweepContext sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        _sweeps[sweep.SweepId] = sweep;
    }

    public Task<SweepContext> GetAsync(string sweepId, CancellationToken cancellation) =>
        _sweeps.TryGetValue(sweepId, out var sweep)
            ? Task.FromResult(sweep)
            : throw new InvalidOperationException($"sweep '{sweepId}' is not running in this process");

    // One process, one run: the state lives in the grain and in the files it writes.
    public Task SetStateAsync(string sweepId, string state, CancellationToken cancellation) => Task.CompletedTask;
}
