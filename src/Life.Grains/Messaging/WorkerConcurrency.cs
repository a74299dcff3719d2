namespace Life.Grains.Messaging;

/// <summary>Shards a process evaluates at once (one per core by default).</summary>
public sealed record WorkerConcurrency(int Value)
{
    public static WorkerConcurrency Default => new(Environment.ProcessorCount);
}
