namespace Life.Sweep.Checkpoints;

/// <summary>What a worker should do with a shard it was handed (<see cref="ICheckpointStore.ClaimShardAsync"/>).</summary>
public enum ShardClaim : byte
{
    /// <summary>Evaluate it.</summary>
    Proceed = 0,

    /// <summary>Already recorded done (a redelivered or republished message): acknowledge without work.</summary>
    AlreadyDone = 1,

    /// <summary>The sweep was cancelled: acknowledge without work.</summary>
    SweepStopped = 2,
}
