namespace Life.Engine.Lens;

/// <summary>
/// A compiled decode (token-generation) executable for KV lengths up to <see cref="Length"/>: each decode
/// step whose context falls in this bucket takes <see cref="StepMs"/>, D(k). <see cref="Batch"/> is the
/// compiled batch (0: any). <see cref="Runs"/> counts the measurements behind D (0: hand-made).
/// </summary>
public readonly struct DecodeBucket
{
    public DecodeBucket(int batch, int length, double stepMs, int runs = 0)
    {
        Batch = batch;
        Length = length;
        StepMs = stepMs;
        Runs = runs;
    }

    public int Batch { get; init; }

    public int Length { get; init; }

    public double StepMs { get; init; }

    public int Runs { get; init; }
}
