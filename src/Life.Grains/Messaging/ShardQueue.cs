namespace Life.Grains.Messaging;

/// <summary>
/// The one name of the shard work queue, used by both the consumers' endpoint and the senders
/// (RabbitMQ queue names are case-sensitive: a mismatch silently routes to an unconsumed queue).
/// </summary>
public static class ShardQueue
{
    public const string Name = "evaluate-shard";

    public static Uri Address { get; } = new($"queue:{Name}");
}
