namespace Life.Parquet.Tests.Reference;

/// <summary>A straightforward decoder of the RLE / bit-packing hybrid, written from Encodings.md.</summary>
internal static class RleHybridDecoder
{
    public static int[] Decode(ReadOnlySpan<byte> data, int bitWidth, int count)
    {
        var result = new int[count];
        var produced = 0;
        var position = 0;
        while (produced < count)
        {
            var header = ReadVarUInt(data, ref position);
            if ((header & 1) == 0)
            {
                var runLength = (int)(header >> 1);
                var value = 0;
                for (var b = 0; b < (bitWidth + 7) / 8; b++)
                {
                    value |= data[position++] << (8 * b);
                }

                for (var i = 0; i < runLength && produced < count; i++)
                {
                    result[produced++] = value;
                }

                if (runLength == 0)
                {
                    throw new InvalidDataException("RLE run of length zero.");
                }
            }
            else
            {
                var values = (int)(header >> 1) * 8;
                var bitPosition = position * 8L;
                for (var i = 0; i < values; i++)
                {
                    var value = 0;
                    for (var bit = 0; bit < bitWidth; bit++, bitPosition++)
                    {
                        value |= ((data[(int)(bitPosition >> 3)] >> (int)(bitPosition & 7)) & 1) << bit;
                    }

                    if (produced < count)
                    {
                        result[produced++] = value;
                    }
                }

                position += (int)(header >> 1) * bitWidth;
            }
        }

        if (position != data.Length)
        {
            throw new InvalidDataException($"{data.Length - position} trailing bytes after {count} values.");
        }

        return result;
    }

    private static ulong ReadVarUInt(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
