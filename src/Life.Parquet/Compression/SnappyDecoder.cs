namespace Life.Parquet.Compression;

/// <summary>
/// Decodes the Snappy raw block format (google/snappy format_description.txt): a varint
/// uncompressed length, then literals and back-references. Every length and offset is checked,
/// so corrupt input throws <see cref="InvalidDataException"/> and never writes outside the output.
/// </summary>
internal static class SnappyDecoder
{
    /// <summary>The uncompressed length the block declares in its preamble.</summary>
    public static long ReadLength(ReadOnlySpan<byte> input, out int preambleBytes)
    {
        ulong length = 0;
        for (var i = 0; i < 5; i++)
        {
            if (i >= input.Length)
            {
                break;
            }

            var b = input[i];
            length |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                preambleBytes = i + 1;
                return length > uint.MaxValue ? throw Corrupt("length preamble is out of range") : (long)length;
            }
        }

        throw Corrupt("length preamble is truncated");
    }

    /// <summary>Decodes <paramref name="input"/>, which must produce exactly <paramref name="output"/>.Length bytes.</summary>
    public static void Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var declared = ReadLength(input, out var position);
        if (declared != output.Length)
        {
            throw Corrupt($"block declares {declared} bytes, the page header {output.Length}");
        }

        var written = 0;
        while (position < input.Length)
        {
            var tag = input[position++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    length = (tag >> 2) + 1;
                    if (length > 60)
                    {
                        // Tags 60..63: the length - 1 follows in 1..4 little-endian bytes.
                        var bytes = length - 60;
                        if (position + bytes > input.Length)
                        {
                            throw Corrupt("literal length is truncated");
                        }

                        uint value = 0;
                        for (var b = 0; b < bytes; b++)
                        {
                            value |= (uint)input[position++] << (8 * b);
                        }

                        if (value >= int.MaxValue)
                        {
                            throw Corrupt("literal is too long");
                        }

                        length = (int)value + 1;
                    }

                    if (length > input.Length - position || length > output.Length - written)
                    {
                        throw Corrupt($"literal of {length} bytes at output position {written} overruns the block");
                    }

                    input.Slice(position, length).CopyTo(output[written..]);
                    position += length;
                    written += length;
                    continue;
                case 1:
                    if (position >= input.Length)
                    {
                        throw Corrupt("copy is truncated");
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[position++];
                    break;
                case 2:
                    if (position + 2 > input.Length)
                    {
                        throw Corrupt("copy is truncated");
                    }

                    length = (tag >> 2) + 1;
                    offset = input[position] | (input[position + 1] << 8);
                    position += 2;
                    break;
                default:
                    if (position + 4 > input.Length)
                    {
                        throw Corrupt("copy is truncated");
                    }

                    length = (tag >> 2) + 1;
                    offset = (int)(input[position] | ((uint)input[position + 1] << 8) | ((uint)input[position + 2] << 16) | ((uint)input[position + 3] << 24));
                    position += 4;
                    break;
            }

            if (offset <= 0 || offset > written)
            {
                throw Corrupt($"copy offset {offset} at output position {written} points outside the data");
            }

            if (length > output.Length - written)
            {
                throw Corrupt($"copy of {length} bytes at output position {written} overruns the block");
            }

            if (offset >= length)
            {
                output.Slice(written - offset, length).CopyTo(output[written..]);
            }
            else
            {
                // Overlapping copy: repeats the last `offset` bytes, byte by byte by definition.
                for (var i = 0; i < length; i++)
                {
                    output[written + i] = output[written - offset + i];
                }
            }

            written += length;
        }

        if (written != output.Length)
        {
            throw Corrupt($"block ends after {written} of {output.Length} bytes");
        }
    }

    private static InvalidDataException Corrupt(string what) => new($"corrupt Snappy data: {what}.");
}
