namespace Life.Engine.Operators;

/// <summary>Whole-model counts of one forward step (or of the one-off setup work).</summary>
public readonly struct StepCounts
{
    public StepCounts(double ops, double bytesRead, double bytesWritten, double dispatches)
    {
        Ops = ops;
        BytesRead = bytesRead;
        BytesWritten = bytesWritten;
        Dispatches = dispatches;
    }

    public double Ops { get; }

    public double BytesRead { get; }

    public double BytesWritten { get; }

    public double Bytes => BytesRead + BytesWritten;

    public double Dispatches { get; }
}
