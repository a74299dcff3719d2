using System.Collections.Immutable;
using System.Globalization;
using static System.FormattableString;

namespace Life.Engine.Lens;

/// <summary>
/// The compiled bucket lengths of a device: one list for both phases (<c>--buckets</c>), or one per phase
/// where the device compiles them apart (<c>--prefill-buckets</c>, <c>--decode-buckets</c>). Each list is
/// strictly increasing and positive.
/// </summary>
public sealed class BucketLists
{
    private BucketLists(ImmutableArray<int> prefill, ImmutableArray<int> decode, bool isShared)
    {
        Prefill = prefill;
        Decode = decode;
        IsShared = isShared;
    }

    public ImmutableArray<int> Prefill { get; }

    public ImmutableArray<int> Decode { get; }

    /// <summary>True when both phases use the same list: then a calibration run must decode inside its input's bucket.</summary>
    public bool IsShared { get; }

    public static BucketLists Shared(IEnumerable<int> lengths)
    {
        var list = Checked(lengths, "--buckets");
        return new BucketLists(list, list, isShared: true);
    }

    public static BucketLists Separate(IEnumerable<int> prefill, IEnumerable<int> decode) =>
        new(Checked(prefill, "--prefill-buckets"), Checked(decode, "--decode-buckets"), isShared: false);

    /// <summary>
    /// From the command line: <paramref name="shared"/>, or both <paramref name="prefill"/> and
    /// <paramref name="decode"/>, or (all null) the distinct values of the rows' bucket column.
    /// </summary>
    public static BucketLists Parse(string? shared, string? prefill, string? decode, IReadOnlyCollection<BucketMeasurement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (shared is not null)
        {
            return prefill is null && decode is null
                ? Shared(Split(shared, "--buckets"))
                : throw new EngineInputException("give --buckets, or --prefill-buckets with --decode-buckets, not both");
        }

        if (prefill is not null && decode is not null)
        {
            return Separate(Split(prefill, "--prefill-buckets"), Split(decode, "--decode-buckets"));
        }

        if (prefill is not null || decode is not null)
        {
            throw new EngineInputException("--prefill-buckets and --decode-buckets go together (or give one --buckets list for both phases)");
        }

        if (rows.Count > 0 && rows.All(r => r.Bucket > 0))
        {
            return Shared(rows.Select(r => r.Bucket).Distinct().Order());
        }

        throw new EngineInputException("no bucket list: give --buckets L1,L2,... (or --prefill-buckets and --decode-buckets, or a bucket column)");
    }

    private static IEnumerable<int> Split(string text, string option)
    {
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length)
                ? length
                : throw new EngineInputException($"{option}: bucket '{part}' is not an integer");
        }
    }

    private static ImmutableArray<int> Checked(IEnumerable<int> lengths, string option)
    {
        ImmutableArray<int> list = [.. lengths];
        if (list.IsEmpty)
        {
            throw new EngineInputException($"{option}: no buckets");
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] < 1)
            {
                throw new EngineInputException(Invariant($"{option}: bucket {list[i]} must be at least 1"));
            }

            if (i > 0 && list[i] <= list[i - 1])
            {
                throw new EngineInputException(Invariant($"{option}: bucket {list[i]} follows {list[i - 1]}; buckets must increase"));
            }
        }

        return list;
    }
}
