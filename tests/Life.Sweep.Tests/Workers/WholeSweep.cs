using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

/// <summary>Every row of a small spec evaluated as one shard, as a worker would.</summary>
internal static class WholeSweep
{
    public static (SweepSpace Space, ResultBatch Batch) Evaluate(SweepSpec spec)
    {
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);
        return (space, batch);
    }
}
