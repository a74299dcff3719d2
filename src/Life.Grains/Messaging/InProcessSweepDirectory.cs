using System.Collections.Concurrent;
using Life.Sweep.Workers;

namespace Life.Grains.Messaging;

/// <summary>Sweeps run by this process (the embedded default), registered by the coordinator.</summary>
public sealed class InProcessSweepDirectory : ISweepDirectory
{
    private readonly ConcurrentDictionary<string, SweepContext> _sweeps = new(StringComparer.Ordinal);

    public void Register(SweepContext sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        _sweeps[sweep.SweepId] = sweep;
    }

    public void Unregister(string sweepId) => _sweeps.TryRemove(sweepId, out _);

    public Task<SweepContext> GetAsync(string sweepId, CancellationToken cancellation) =>
        _sweeps.TryGetValue(sweepId, out var sweep)
            ? Task.FromResult(sweep)
            : throw new InvalidOperationException($"sweep '{sweepId}' is not running in this process");
}
