namespace Life.Engine.Operators;

/// <summary>
/// Layers sharing one KV-cache shape: bytes per cached token (all those layers), the window that caps the
/// cache, and bytes held per sequence whatever its length (the recurrent state of linear-attention and
/// Mamba layers).
/// </summary>
public readonly struct KvCacheGroup
{
    public KvCacheGroup(int window, double bytesPerToken)
        : this(window, bytesPerToken, 0)
    {
    }

    public KvCacheGroup(int window, double bytesPerToken, double bytesPerSequence)
    {
        Window = window;
        BytesPerToken = bytesPerToken;
        BytesPerSequence = bytesPerSequence;
    }

    /// <summary>Tokens kept per sequence; 0 keeps the whole context.</summary>
    public int Window { get; }

    public double BytesPerToken { get; }

    /// <summary>Constant bytes per sequence (recurrent and convolution state), independent of the context.</summary>
    public double BytesPerSequence { get; }
}
