namespace Life.Sweep.Coordination;

/// <summary>A sweep that could not complete (shards in the error state); completed shards are kept for a resume.</summary>
public sealed class SweepFailedException : Exception
{
    public SweepFailedException(string message)
        : base(message)
    {
    }

    public SweepFailedException()
    {
    }

    public SweepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
