using System.Buffers.Binary;
using System.Numerics;
using Life.Parquet.IO;

namespace Life.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packing hybrid (Parquet encoding RLE = 3) used for definition levels and
/// dictionary indices. Follows parquet-java's <c>RunLengthBitPackingHybridEncoder</c>: values are
/// buffered in groups of eight; a value repeated eight times from a group boundary becomes an RLE
/// run, everything else is bit-packed in runs of up to 63 groups (so the run header fits the
/// one byte reserved for it). No length prefix is written here; callers add one where the format
/// requires it.
/// </summary>
internal ref struct RleHybridEncoder
{
    private const int MaxGroupsPerBitPackedRun = 63;

    private readonly ByteBuffer _output;
    private readonly int _bitWidth;
    private EightValues _buffered;
    private int _bufferedCount;
    private uint _previous;
    private int _repeatCount;
    private int _groupCount;
    private int _runHeaderPosition;

    private RleHybridEncoder(ByteBuffer output, int bitWidth)
    {
        _output = output;
        _bitWidth = bitWidth;
        _runHeaderPosition = -1;
    }

    /// <summary>Appends the encoding of <paramref name="values"/>, each below 2^<paramref name="bitWidth"/>.</summary>
    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (bitWidth is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 1..32.");
        }

        var encoder = new RleHybridEncoder(output, bitWidth);
        var i = 0;
        while (i < values.Length)
        {
            var value = uint.CreateTruncating(values[i]);
            if (value == encoder._previous)
            {
                encoder._repeatCount++;
                if (encoder._repeatCount >= 8)
                {
                    // Inside an RLE run: swallow the rest of the run in one vectorised scan.
                    var rest = values[(i + 1)..];
                    var next = rest.IndexOfAnyExcept(values[i]);
                    var extra = next < 0 ? rest.Length : next;
                    encoder._repeatCount += extra;
                    i += 1 + extra;
                    continue;
                }
            }
            else
            {
                if (encoder._repeatCount >= 8)
                {
                    encoder.WriteRleRun();
                }

                encoder._repeatCount = 1;
                encoder._previous = value;
            }

            encoder._buffered[encoder._bufferedCount++] = value;
            if (encoder._bufferedCount == 8)
            {
                encoder.WriteOrAppendBitPackedGroup();
            }

            i++;
        }

        encoder.Finish();
    }

    /// <summary>Bits needed for the largest of <paramref name="valueCount"/> distinct ids (at least 1).</summary>
    public static int BitWidthFor(int valueCount) =>
        valueCount <= 2 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(valueCount - 1));

    private void Finish()
    {
        if (_repeatCount >= 8)
        {
            WriteRleRun();
        }
        else if (_bufferedCount > 0)
        {
            // Pad the last group with zeros; readers stop at the page's value count.
            for (var j = _bufferedCount; j < 8; j++)
            {
                _buffered[j] = 0;
            }

            WriteOrAppendBitPackedGroup();
            EndBitPackedRun();
        }
        else
        {
            EndBitPackedRun();
        }
    }

    private void WriteRleRun()
    {
        EndBitPackedRun();
        _output.WriteVarUInt64((ulong)_repeatCount << 1);
        var byteWidth = (_bitWidth + 7) >> 3;
        var span = _output.GetSpan(4);
        BinaryPrimitives.WriteUInt32LittleEndian(span, _previous);
        _output.Advance(byteWidth);
        _repeatCount = 0;
        _bufferedCount = 0;
    }

    private void WriteOrAppendBitPackedGroup()
    {
        if (_groupCount >= MaxGroupsPerBitPackedRun)
        {
            EndBitPackedRun();
        }

        if (_runHeaderPosition < 0)
        {
            _runHeaderPosition = _output.Length;
            _output.WriteByte(0);
        }

        PackGroup();
        _bufferedCount = 0;
        _repeatCount = 0;
        _groupCount++;
    }

    private void EndBitPackedRun()
    {
        if (_runHeaderPosition < 0)
        {
            return;
        }

        _output.SetByte(_runHeaderPosition, (byte)((_groupCount << 1) | 1));
        _runHeaderPosition = -1;
        _groupCount = 0;
    }

    /// <summary>Packs the eight buffered values LSB-first into exactly <c>bitWidth</c> bytes.</summary>
    private void PackGroup()
    {
        var width = _bitWidth;
        if (width <= 8)
        {
            ulong packed = 0;
            for (var j = 0; j < 8; j++)
            {
                packed |= (ulong)_buffered[j] << (j * width);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(8), packed);
            _output.Advance(width);
            return;
        }

        var span = _output.GetSpan(width);
        var position = 0;
        ulong accumulator = 0;
        var bits = 0;
        for (var j = 0; j < 8; j++)
        {
            accumulator |= (ulong)_buffered[j] << bits;
            bits += width;
            while (bits >= 8)
            {
                span[position++] = (byte)accumulator;
                accumulator >>= 8;
                bits -= 8;
            }
        }

        _output.Advance(width);
    }
}
