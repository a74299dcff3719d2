namespace Life.Engine.Lens;

/// <summary>
/// The buckets of one compiled batch as flat arrays, ready for allocation-free lookups. Lengths are
/// strictly increasing; bucket i covers (length[i−1], length[i]], the first one (0, length[0]].
/// </summary>
internal sealed class BatchBuckets
{
    public BatchBuckets(int batch, int[] prefillLengths, double[] prefillMs, int[] decodeLengths, double[] stepMs)
    {
        Batch = batch;
        PrefillLengths = prefillLengths;
        PrefillMs = prefillMs;
        DecodeLengths = decodeLengths;
        StepMs = stepMs;
    }

    public int Batch { get; }

    public int[] PrefillLengths { get; }

    public double[] PrefillMs { get; }

    public int[] DecodeLengths { get; }

    public double[] StepMs { get; }

    public int MaxPrefill => PrefillLengths[^1];

    public int MaxDecode => DecodeLengths[^1];

    /// <summary>Index of the smallest bucket holding <paramref name="length"/>, or −1 beyond the largest.</summary>
    public static int IndexOf(ReadOnlySpan<int> lengths, long length)
    {
        if (length > lengths[^1])
        {
            return -1;
        }

        var index = lengths.BinarySearch((int)length);
        return index >= 0 ? index : ~index;
    }
}
