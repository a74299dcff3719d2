namespace Life.Grains.Cluster;

/// <summary>What <c>resume</c> did: shards not done when it started again, shards taken out of the error state, and whether the sweep was cancelled before.</summary>
public sealed record ResumeOutcome(long Pending, int ErrorsReset, bool WasCancelled, bool AlreadyComplete);
