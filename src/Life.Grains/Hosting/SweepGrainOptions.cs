namespace Life.Grains.Hosting;

/// <summary>How the sweep grain drives its shards (set by the host that composes the silo).</summary>
public sealed class SweepGrainOptions
{
    /// <summary>Shard calls outstanding at once across the cluster; the rest are dispatched as these finish.</summary>
    public int MaxShardsInFlight { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Failed evaluations of one shard before it goes to the error state.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Backoff before a failed shard's second attempt (doubling after).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Calls of one shard that failed because its silo died or did not answer, before the shard goes
    /// to the error state (a bound, so a shard that kills every silo it lands on cannot loop forever).
    /// </summary>
    public int MaxLostCalls { get; set; } = 25;

    /// <summary>
    /// Whether the sweep grain keeps a reminder while it runs, so a sweep goes on after its client
    /// exits and after the silo hosting the grain dies (a cluster; the embedded run has no reminder service).
    /// </summary>
    public bool UseReminder { get; set; }

    /// <summary>The reminder's period: how soon a sweep whose grain's silo died is picked up again with no client calling.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryDelay(int attempt) => TimeSpan.FromTicks(FirstRetryDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 10)));
}
