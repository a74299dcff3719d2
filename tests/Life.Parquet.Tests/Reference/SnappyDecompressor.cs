namespace Life.Parquet.Tests.Reference;

/// <summary>A straightforward decoder of the Snappy raw block format (format_description.txt).</summary>
internal static class SnappyDecompressor
{
    public static byte[] Decompress(ReadOnlySpan<byte> input)
    {
        var position = 0;
        ulong length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = input[position++];
            length |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        var output = new byte[length];
        var written = 0;
        while (position < input.Length)
        {
            var tag = input[position++];
            int copyLength, offset;
            switch (tag & 3)
            {
                case 0:
                    var literalLength = tag >> 2;
                    if (literalLength >= 60)
                    {
                        var bytes = literalLength - 59;
                        literalLength = 0;
                        for (var b = 0; b < bytes; b++)
                        {
                            literalLength |= input[position++] << (8 * b);
                        }
                    }

                    literalLength++;
                    input.Slice(position, literalLength).CopyTo(output.AsSpan(written));
                    position += literalLength;
                    written += literalLength;
                    continue;
                case 1:
                    copyLength = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[position++];
                    break;
                case 2:
                    copyLength = 1 + (tag >> 2);
                    offset = input[position] | (input[position + 1] << 8);
                    position += 2;
                    break;
                default:
                    copyLength = 1 + (tag >> 2);
                    offset = input[position] | (input[position + 1] << 8) | (input[position + 2] << 16) | (input[position + 3] << 24);
                    position += 4;
                    break;
            }

            if (offset <= 0 || offset > written)
            {
                throw new InvalidDataException($"Copy offset {offset} at output position {written}.");
            }

            for (var i = 0; i < copyLength; i++)
            {
                output[written] = output[written - offset];
                written++;
            }
        }

        if (written != output.Length)
        {
            throw new InvalidDataException($"Decompressed {written} bytes, header said {output.Length}.");
        }

        return output;
    }
}
