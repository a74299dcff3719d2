namespace Life.Grains.Messaging;

/// <summary>The name this worker process records in checkpoints (host and process id).</summary>
public sealed record WorkerIdentity(string Name)
{
    public static WorkerIdentity ForThisProcess(string role) => new($"{role}@{Environment.MachineName}:{Environment.ProcessId}");
}
