namespace Life.Grains.Shards;

/// <summary>The outcome of a shard call, as the sweep grain acts on it.</summary>
[GenerateSerializer]
public enum ShardResultKind : byte
{
    /// <summary>Evaluated, written and recorded by this call.</summary>
    Completed = 0,

    /// <summary>Already recorded (by an earlier call whose answer was lost): nothing to do.</summary>
    AlreadyDone = 1,

    /// <summary>Evaluated, but another call recorded it first; this call's file was discarded.</summary>
    LostRace = 2,

    /// <summary>The sweep was cancelled: skipped.</summary>
    SweepStopped = 3,

    /// <summary>Evaluation or recording failed; the failure was recorded in the checkpoint store.</summary>
    Failed = 4,
}
