namespace Life.Sweep.Checkpoints;

/// <summary>A shard in the error state: how many attempts failed and the last error recorded.</summary>
public sealed record ShardFailure(long Shard, int Attempts, string Error);
