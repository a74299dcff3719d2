using FsCheck;
using FsCheck.Fluent;
using Life.Parquet.Encodings;
using Life.Parquet.IO;
using Life.Parquet.Tests.Reference;

namespace Life.Parquet.Tests.Encodings;

public sealed class RleHybridEncoderTests
{
    [Fact]
    public void A_thousand_equal_levels_are_one_rle_run()
    {
        // parquet-format-notes §4.2: 1000 non-null rows at width 1 -> D0 0F 01.
        Assert.Equal(new byte[] { 0xD0, 0x0F, 0x01 }, Encode(Enumerable.Repeat(1, 1000).ToArray(), 1));
    }

    [Fact]
    public void Bit_packing_matches_the_example_in_the_specification()
    {
        // Encodings.md: 0..7 at width 3 -> 10001000 11000110 11111010 after the run header.
        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, Encode([0, 1, 2, 3, 4, 5, 6, 7], 3));
    }

    [Fact]
    public void A_run_that_starts_inside_a_group_completes_the_group_first()
    {
        // Three literals, then a run of 20 sevens: the group takes five sevens, the rest is RLE.
        int[] values = [1, 2, 3, .. Enumerable.Repeat(7, 20)];
        var encoded = Encode(values, 3);
        Assert.Equal([0x03, encoded[1], encoded[2], encoded[3], 0x1E, 0x07], encoded);
        Assert.Equal(values, RleHybridDecoder.Decode(encoded, 3, values.Length));
    }

    [Fact]
    public void Wide_values_use_as_many_bytes_as_their_width_needs()
    {
        int[] values = [.. Enumerable.Repeat(0x1234567, 9), 1, 2];
        var encoded = Encode(values, 25);
        Assert.Equal(values, RleHybridDecoder.Decode(encoded, 25, values.Length));
    }

    [Fact]
    public void Any_values_decode_back_to_themselves()
    {
        // Runs of random lengths over a small alphabet, like definition levels and dictionary ids.
        var runs = Gen.Choose(1, 40).SelectMany(length => Gen.Choose(0, 5).Select(symbol => (length, symbol)));
        var cases = Gen.Choose(1, 32).SelectMany(width => Gen.ArrayOf(runs).Select(r => (width, r)));
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(300),
            Prop.ForAll(cases.ToArbitrary(), testCase =>
            {
                var (width, runList) = testCase;
                var mask = width == 32 ? -1 : (1 << width) - 1;
                var values = runList.SelectMany(r => Enumerable.Repeat((r.symbol * 0x2F5A3B1) & mask, r.length)).ToArray();
                var decoded = RleHybridDecoder.Decode(Encode(values, width), width, values.Length);
                return decoded.AsSpan().SequenceEqual(values);
            }));
    }

    [Fact]
    public void Byte_levels_encode_like_int_levels()
    {
        var levels = new byte[1000];
        var random = new Random(7);
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = (byte)(random.Next(10) == 0 ? 0 : 1);
        }

        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<byte>(levels, 1, buffer);
        Assert.Equal(levels.Select(l => (int)l), RleHybridDecoder.Decode(buffer.WrittenSpan, 1, levels.Length));
        Assert.Equal(Encode(levels.Select(l => (int)l).ToArray(), 1), buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(256, 8)]
    [InlineData(257, 9)]
    [InlineData(65536, 16)]
    public void Dictionary_ids_get_the_narrowest_width_but_at_least_one_bit(int entries, int width) =>
        Assert.Equal(width, RleHybridEncoder.BitWidthFor(entries));

    private static byte[] Encode(int[] values, int bitWidth)
    {
        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<int>(values, bitWidth, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
