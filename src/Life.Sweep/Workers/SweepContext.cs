using System.Collections.Concurrent;
using Life.Sweep.Checkpoints;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;

namespace Life.Sweep.Workers;

/// <summary>
/// Everything a worker needs to process a sweep's shards: the spec and its space, where results go,
/// the checkpoint store, and a pool of per-thread scratch (evaluator and column buffers) so no shard
/// allocates its arrays again.
/// </summary>
public sealed class SweepContext
{
    private readonly ConcurrentBag<ShardScratch> _scratch = new();

    public SweepContext(SweepIdentity identity, SweepSpec spec, ICheckpointStore store)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        Spec = spec;
        Space = new SweepSpace(spec);
        Store = store;
        Writer = new ResultFileWriter(spec);
    }

    public SweepIdentity Identity { get; }

    public string SweepId => Identity.Id;

    public SweepSpec Spec { get; }

    public SweepSpace Space { get; }

    public ICheckpointStore Store { get; }

    public ResultFileWriter Writer { get; }

    public string OutputDirectory => Identity.OutputDirectory;

    public string ResultsDirectory => Path.Combine(Identity.OutputDirectory, "results");

    public string ShardPath(long shard) => Path.Combine(ResultsDirectory, ResultFileWriter.ShardFileName(shard));

    internal ShardScratch RentScratch() =>
        _scratch.TryTake(out var scratch) ? scratch : new ShardScratch(new ShardEvaluator(Space), new ResultBatch(Spec, (int)Math.Min(Space.ShardSize, Math.Max(Space.Count, 1))));

    internal void ReturnScratch(ShardScratch scratch) => _scratch.Add(scratch);
}
