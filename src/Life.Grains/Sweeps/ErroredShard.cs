namespace Life.Grains.Sweeps;

/// <summary>A shard that ended in the error state: its last failure and how many attempts it had.</summary>
internal sealed record ErroredShard(long Shard, int Attempts, string Error);
