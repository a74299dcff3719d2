namespace Life.Grains.Messaging;

/// <summary>Wake-up for a worker: evaluate shard <see cref="Shard"/> of sweep <see cref="SweepId"/>. Idempotent.</summary>
public sealed record EvaluateShard(string SweepId, long Shard);
