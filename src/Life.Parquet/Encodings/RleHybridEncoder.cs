using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Life.Parquet.IO;

namespace Life.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packing hybrid (Parquet encoding RLE = 3) used for definition levels and
/// dictionary indices. A run of at least eight equal values becomes an RLE run; everything else
/// is bit-packed. Bit-packed runs hold whole groups of eight, so a long run that starts inside a
/// group lends its first values to complete that group. Only the final group of the input is
/// padded with zeros (readers stop at the page's value count). No length prefix is written
/// here; callers add one where the format requires it.
/// </summary>
internal static class RleHybridEncoder
{
    private const int MinRleRun = 8;

    /// <summary>Appends the encoding of <paramref name="values"/>, each below 2^<paramref name="bitWidth"/>.</summary>
    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (bitWidth is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 1..32.");
        }

        var literalStart = 0;
        var i = 0;
        while (i < values.Length)
        {
            // Values that differ from their successor can only be literals: skip them in bulk.
            i = NextRepeat(values, i);
            if (i >= values.Length)
            {
                break;
            }

            var value = values[i];
            var runEnd = i + 1;
            while (runEnd < values.Length && values[runEnd] == value)
            {
                runEnd++;
                if (runEnd - i == 16)
                {
                    // A long run: finish the scan vectorised.
                    var next = values[runEnd..].IndexOfAnyExcept(value);
                    runEnd = next < 0 ? values.Length : runEnd + next;
                    break;
                }
            }

            var pad = (8 - ((i - literalStart) & 7)) & 7;
            if (runEnd - i - pad >= MinRleRun)
            {
                WriteBitPacked(values[literalStart..(i + pad)], bitWidth, output);
                WriteRle(uint.CreateTruncating(value), runEnd - i - pad, bitWidth, output);
                literalStart = runEnd;
            }

            i = runEnd;
        }

        WriteBitPacked(values[literalStart..], bitWidth, output);
    }

    /// <summary>Bits needed for the largest of <paramref name="valueCount"/> distinct ids (at least 1).</summary>
    public static int BitWidthFor(int valueCount) =>
        valueCount <= 2 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(valueCount - 1));

    /// <summary>The first index at or after <paramref name="start"/> whose value equals the next one.</summary>
    private static int NextRepeat<T>(ReadOnlySpan<T> values, int start)
        where T : unmanaged, IBinaryInteger<T>
    {
        var last = values.Length - 1;
        var i = start;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref var origin = ref MemoryMarshal.GetReference(values);
            while (i + Vector<T>.Count <= last)
            {
                var current = Vector.LoadUnsafe(ref origin, (nuint)i);
                var following = Vector.LoadUnsafe(ref origin, (nuint)(i + 1));
                if (Vector.EqualsAny(current, following))
                {
                    break;
                }

                i += Vector<T>.Count;
            }
        }

        while (i < last && values[i] != values[i + 1])
        {
            i++;
        }

        return i < last ? i : values.Length;
    }

    private static void WriteRle(uint value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteVarUInt64((ulong)count << 1);
        BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), value);
        output.Advance((bitWidth + 7) >> 3);
    }

    /// <summary>One bit-packed run: header, then the values LSB-first, the last group zero-padded.</summary>
    private static void WriteBitPacked<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (values.IsEmpty)
        {
            return;
        }

        var groups = (values.Length + 7) >> 3;
        output.WriteVarUInt64(((ulong)groups << 1) | 1);
        var byteCount = groups * bitWidth;

        // Spare bytes for the final 8-byte flush of the accumulator.
        var span = output.GetSpan(byteCount + 8);
        var position = 0;
        ulong accumulator = 0;
        var bits = 0;
        foreach (var value in values)
        {
            accumulator |= (ulong)uint.CreateTruncating(value) << bits;
            bits += bitWidth;
            if (bits >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[position..], (uint)accumulator);
                position += 4;
                accumulator >>= 32;
                bits -= 32;
            }
        }

        // Zero padding of the last group is implicit: the remaining accumulator bits are zero.
        BinaryPrimitives.WriteUInt64LittleEndian(span[position..], accumulator);
        output.Advance(byteCount);
    }
}
