namespace Life.Grains.Messaging;

/// <summary>Published when a shard attempt failed; <see cref="GaveUp"/> once it is in the error state.</summary>
public sealed record ShardFailed(string SweepId, long Shard, string Error, int Attempts, bool GaveUp, string Worker);
