namespace Life.Parquet.Tests.Infrastructure;

/// <summary>Deterministic test columns, with the awkward values first.</summary>
internal static class TestData
{
    public static readonly int[] EdgeInt32s = [0, 1, -1, int.MinValue, int.MaxValue, 42];

    public static readonly long[] EdgeInt64s = [0, 1, -1, long.MinValue, long.MaxValue, 1L << 53, -(1L << 53) - 1];

    public static readonly float[] EdgeFloats =
        [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, float.MinValue, 1.1f];

    public static readonly double[] EdgeDoubles =
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue,
        double.MinValue, 0.1 + 0.2, Math.PI, 1e-310,
    ];

    /// <summary>Empty, ASCII, accents, CJK, emoji (surrogate pairs), U+FFFF-range and a string longer than a page.</summary>
    public static readonly string[] EdgeStrings =
    [
        "", "a", "A", "abc", "ümlaut", "日本語", "😀 emoji", "\uFFFD\uFFFF", "\uE000 private", "tab\tnew\nline", "quote'\"",
        "combining e\u0301", new string('x', 3000), "𝄞 clef",
    ];

    /// <summary>Microseconds since the epoch: before, at and after 1970, and far out.</summary>
    public static readonly long[] EdgeTimestamps = [0, -1, 1, 1_700_000_000_123_456, -62_135_596_800_000_000, 253_402_300_799_999_999];

    public static int[] Int32s(int count, int seed) => Fill(count, EdgeInt32s, seed, r => r.Next(int.MinValue, int.MaxValue));

    public static long[] Int64s(int count, int seed) => Fill(count, EdgeInt64s, seed, r => r.NextInt64(long.MinValue, long.MaxValue));

    public static float[] Floats(int count, int seed) => Fill(count, EdgeFloats, seed, r => (float)((r.NextDouble() - 0.5) * 1e6));

    public static double[] Doubles(int count, int seed) => Fill(count, EdgeDoubles, seed, r => (r.NextDouble() - 0.5) * 1e12);

    public static bool[] Booleans(int count, int seed) => Fill(count, [true, false], seed, r => r.Next(2) == 0);

    public static long[] Timestamps(int count, int seed) =>
        Fill(count, EdgeTimestamps, seed, r => r.NextInt64(-2_000_000_000_000_000, 4_000_000_000_000_000));

    public static string[] Strings(int count, int seed) => Fill(count, EdgeStrings, seed, r => $"value-{r.Next(1_000_000)}");

    /// <summary>Strings from a small set, for dictionary encoding.</summary>
    public static string[] FewStrings(int count, int seed) => Fill(count, ["eager", "flash", "full", ""], seed, r => EdgeStrings[r.Next(EdgeStrings.Length)]);

    /// <summary>Validity with a mix of patterns: singles, runs of nulls, runs of values.</summary>
    public static bool[] Validity(int count, int seed)
    {
        var random = new Random(seed);
        var validity = new bool[count];
        var i = 0;
        while (i < count)
        {
            var run = random.Next(1, 30);
            var present = random.Next(3) != 0;
            for (var j = 0; j < run && i < count; j++, i++)
            {
                validity[i] = present;
            }
        }

        return validity;
    }

    public static string?[] WithNulls(string[] values, bool[] validity) =>
        values.Select((value, i) => validity[i] ? value : null).ToArray();

    private static T[] Fill<T>(int count, T[] edges, int seed, Func<Random, T> next)
    {
        var random = new Random(seed);
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = i < edges.Length ? edges[i] : next(random);
        }

        return values;
    }
}
