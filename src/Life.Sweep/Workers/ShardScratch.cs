using Life.Sweep.Results;

namespace Life.Sweep.Workers;

/// <summary>A worker thread's reusable evaluator (with its table cache) and column buffers.</summary>
internal sealed record ShardScratch(ShardEvaluator Evaluator, ResultBatch Batch);
