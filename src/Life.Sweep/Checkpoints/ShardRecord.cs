namespace Life.Sweep.Checkpoints;

/// <summary>A completed shard: its file (name relative to the output directory, length, SHA-256), rows, partial Pareto front, and who did it when.</summary>
public sealed record ShardRecord(
    long Shard,
    long Rows,
    long RowsMeetingConstraints,
    string File,
    long Length,
    string Sha256,
    byte[] Front,
    string Worker,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    int Attempts);
