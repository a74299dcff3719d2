namespace Life.Grains.Messaging;

/// <summary>Published after a worker processed a shard (completed, already done, or lost a race).</summary>
public sealed record ShardEvaluated(string SweepId, long Shard, long Rows, string Outcome, string Worker);
