namespace Life.Sweep.Coordination;

/// <summary>A progress snapshot: shards and configurations done, this run's rate and the time left.</summary>
public sealed record SweepProgress(long ShardsDone, long ShardsTotal, long ConfigsDone, long ConfigsTotal, TimeSpan Elapsed, double ConfigsPerSecond)
{
    public TimeSpan? Remaining => ConfigsPerSecond > 0 ? TimeSpan.FromSeconds((ConfigsTotal - ConfigsDone) / ConfigsPerSecond) : null;
}
