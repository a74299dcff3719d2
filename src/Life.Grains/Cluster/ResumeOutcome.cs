namespace Life.Grains.Cluster;

/// <summary>What <c>resume</c> did: shards republished, shards taken out of the error state, and whether the sweep was cancelled before.</summary>
public sealed record ResumeOutcome(long Republished, int ErrorsReset, bool WasCancelled, bool AlreadyComplete);
