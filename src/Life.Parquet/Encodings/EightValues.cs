using System.Runtime.CompilerServices;

namespace Life.Parquet.Encodings;

/// <summary>The eight values of one bit-packed group, kept inline (no array).</summary>
[InlineArray(8)]
internal struct EightValues
{
    private uint _element;
}
