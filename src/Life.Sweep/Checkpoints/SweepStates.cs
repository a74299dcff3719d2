namespace Life.Sweep.Checkpoints;

/// <summary>States of a cluster sweep: workers evaluate shards only while it is running.</summary>
public static class SweepStates
{
    public const string Running = "running";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
}
