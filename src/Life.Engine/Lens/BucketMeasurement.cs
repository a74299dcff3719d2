namespace Life.Engine.Lens;

/// <summary>
/// One end-to-end run on a bucketed device: <see cref="Batch"/> sequences of <see cref="InputTokens"/> in,
/// <see cref="OutputTokens"/> out, measured at <see cref="E2eMs"/>. <see cref="Bucket"/> is the bucket the
/// file says the run belongs to (0: not given); <see cref="Line"/> is where it came from (0: unknown), so
/// rejections can point at it.
/// </summary>
public readonly struct BucketMeasurement
{
    public BucketMeasurement(int batch, int inputTokens, int outputTokens, double e2eMs, int bucket = 0, int line = 0)
    {
        Batch = batch;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        E2eMs = e2eMs;
        Bucket = bucket;
        Line = line;
    }

    public int Batch { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public double E2eMs { get; init; }

    public int Bucket { get; init; }

    public int Line { get; init; }
}
