namespace Life.Engine.Operators;

/// <summary>Layers sharing one KV-cache shape: bytes per cached token (all those layers) and the window that caps the cache.</summary>
public readonly struct KvCacheGroup
{
    public KvCacheGroup(int window, double bytesPerToken)
    {
        Window = window;
        BytesPerToken = bytesPerToken;
    }

    /// <summary>Tokens kept per sequence; 0 keeps the whole context.</summary>
    public int Window { get; }

    public double BytesPerToken { get; }
}
