using System.Text;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>Parquet's string order: unsigned bytes of the UTF-8 encoding (not UTF-16 ordinal order).</summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y) =>
        Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
}
