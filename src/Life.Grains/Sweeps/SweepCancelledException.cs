namespace Life.Grains.Sweeps;

/// <summary>The sweep was cancelled while a client waited for it; its completed shards are kept.</summary>
public sealed class SweepCancelledException : Exception
{
    public SweepCancelledException(string message)
        : base(message)
    {
    }

    public SweepCancelledException()
    {
    }

    public SweepCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
