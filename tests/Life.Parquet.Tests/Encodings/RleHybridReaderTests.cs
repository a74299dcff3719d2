using Life.Parquet.Encodings;
using Life.Parquet.IO;

namespace Life.Parquet.Tests.Encodings;

public sealed class RleHybridReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(32)]
    public void Whatever_the_encoder_writes_reads_back_for_every_width(int bitWidth)
    {
        var random = new Random(bitWidth);
        var max = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        for (var trial = 0; trial < 50; trial++)
        {
            // Runs and noise, so both RLE and bit-packed runs occur.
            var values = new List<int>();
            var count = random.Next(0, 3000);
            while (values.Count < count)
            {
                var value = (int)(uint)random.NextInt64(0, (long)max + 1);
                values.AddRange(Enumerable.Repeat(value, random.Next(3) == 0 ? random.Next(1, 100) : 1));
            }

            using var buffer = new ByteBuffer();
            RleHybridEncoder.Encode<int>(values.ToArray(), bitWidth, buffer);
            var decoded = new int[values.Count];

            // Read in uneven pieces, as pages are read value section by value section.
            var reader = new RleHybridReader(buffer.WrittenSpan, bitWidth);
            var position = 0;
            while (position < decoded.Length)
            {
                var piece = Math.Min(random.Next(1, 50), decoded.Length - position);
                reader.Read(decoded.AsSpan(position, piece));
                position += piece;
            }

            Assert.Equal(values, decoded);
        }
    }

    [Fact]
    public void The_documented_example_decodes()
    {
        // Encodings.md: 0..7 with width 3, bit-packed: header 0x03, then 10001000 11000110 11111010.
        byte[] data = [0x03, 0b10001000, 0b11000110, 0b11111010];
        var values = new int[8];

        new RleHybridReader(data, 3).Read(values);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
    }

    [Fact]
    public void A_width_of_zero_reads_zeros()
    {
        byte[] data = [0x20];
        var values = new int[16];
        Array.Fill(values, 9);

        new RleHybridReader(data, 0).Read(values);

        Assert.All(values, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(new byte[] { }, 1, "RLE data ends before the values it should hold.")]
    [InlineData(new byte[] { 0x04 }, 8, "RLE run value is truncated.")]
    [InlineData(new byte[] { 0x04, 0x05 }, 2, "RLE run value 5 does not fit in 2 bits.")]
    public void Data_that_ends_early_or_does_not_fit_is_refused(byte[] data, int bitWidth, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => new RleHybridReader(data, bitWidth).Read(new int[4]));

        Assert.Equal(message, error.Message);
    }
}
