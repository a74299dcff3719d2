namespace Life.Engine.Lens;

/// <summary>Part of a generation: <see cref="Steps"/> decode steps spent in decode bucket <see cref="Bucket"/>, n_k.</summary>
public readonly struct DecodeSpan
{
    public DecodeSpan(int bucket, long steps, double stepMs)
    {
        Bucket = bucket;
        Steps = steps;
        StepMs = stepMs;
    }

    public int Bucket { get; }

    public long Steps { get; }

    public double StepMs { get; }

    public double TotalMs => Steps * StepMs;
}
