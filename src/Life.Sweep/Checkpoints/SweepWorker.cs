namespace Life.Sweep.Checkpoints;

/// <summary>A worker seen by a sweep: shards and rows it completed, its last completion and, when it still reports, its last heartbeat.</summary>
public sealed record SweepWorker(string Name, long Shards, long Rows, DateTimeOffset LastFinished, DateTimeOffset? LastSeen);
