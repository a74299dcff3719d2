namespace Life.Sweep.Checkpoints;

/// <summary>What a checkpoint store knows about a sweep: its id, the spec (canonical JSON and hash) and its size.</summary>
public sealed record SweepIdentity(string Id, string Name, string SpecHash, string SpecJson, long TotalConfigs, int ShardSize, long ShardCount, string OutputDirectory);
