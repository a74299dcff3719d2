namespace Life.Grains.Shards;

/// <summary>What a shard call came to: the worker's outcome, or the failure it recorded (the call itself succeeded).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardResult(
    [property: Id(0)] long Shard,
    [property: Id(1)] ShardResultKind Kind,
    [property: Id(2)] long Rows,
    [property: Id(3)] string Worker,
    [property: Id(4)] string? Error,
    [property: Id(5)] int FailedAttempts);
