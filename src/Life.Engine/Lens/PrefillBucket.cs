namespace Life.Engine.Lens;

/// <summary>
/// A compiled prefill (context-encoding) executable: every input of up to <see cref="Length"/> tokens is
/// padded to it and takes <see cref="PrefillMs"/>, P(b). <see cref="Batch"/> is the compiled batch (0: the
/// profile does not distinguish batches). <see cref="Runs"/> counts the measurements behind P (0: hand-made).
/// </summary>
public readonly struct PrefillBucket
{
    public PrefillBucket(int batch, int length, double prefillMs, int runs = 0)
    {
        Batch = batch;
        Length = length;
        PrefillMs = prefillMs;
        Runs = runs;
    }

    public int Batch { get; init; }

    public int Length { get; init; }

    public double PrefillMs { get; init; }

    public int Runs { get; init; }
}
