namespace Life.Grains.Messaging;

/// <summary>How often a failing shard is retried before it goes to the error state, and the backoff between tries.</summary>
public sealed record ShardRetryPolicy(int MaxAttempts, TimeSpan FirstDelay)
{
    public static ShardRetryPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(200));

    public TimeSpan DelayBefore(int attempt) => TimeSpan.FromTicks(FirstDelay.Ticks * (1L << Math.Min(attempt - 1, 10)));
}
