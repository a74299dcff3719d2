namespace Life.Sweep.Workers;

/// <summary>What processing a shard came to.</summary>
public enum ShardOutcomeKind : byte
{
    /// <summary>Evaluated, written and recorded by this worker.</summary>
    Completed = 0,

    /// <summary>Already recorded done (a redelivery): acknowledged without work.</summary>
    AlreadyDone = 1,

    /// <summary>Evaluated, but another worker recorded it first; this worker's file was discarded.</summary>
    LostRace = 2,

    /// <summary>The sweep was cancelled: acknowledged without work.</summary>
    SweepStopped = 3,
}

public readonly record struct ShardOutcome(long Shard, ShardOutcomeKind Kind, long Rows);
