namespace Life.Grains.Sweeps;

/// <summary>
/// The sweep grain's persisted state (AdoNet grain storage on a cluster, memory embedded): written on
/// transitions only, never per shard; per-shard completion lives in the checkpoint store's own tables.
/// </summary>
[GenerateSerializer]
public sealed class SweepGrainState
{
    [Id(0)]
    public SweepPhase Phase { get; set; }

    [Id(1)]
    public string? Error { get; set; }

    [Id(2)]
    public SweepOutcome? Outcome { get; set; }

    [Id(3)]
    public DateTimeOffset? Started { get; set; }

    [Id(4)]
    public DateTimeOffset? Ended { get; set; }
}
