namespace Life.Grains.Hosting;

/// <summary>The name this silo records in checkpoints as the worker of its shards (unique per silo, also within one process).</summary>
public sealed record SiloWorkerName(string Value)
{
    public static SiloWorkerName ForThisProcess(string role, string? silo = null) =>
        new(silo is null ? $"{role}@{Environment.MachineName}:{Environment.ProcessId}" : $"{role}@{Environment.MachineName}:{Environment.ProcessId}/{silo}");
}
