using FsCheck;
using FsCheck.Fluent;
using Life.Parquet.Compression;

namespace Life.Parquet.Tests.Compression;

public sealed class SnappyDecoderTests
{
    [Fact]
    public void Anything_our_compressor_writes_decodes_to_the_input()
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(300),
            Prop.ForAll(Inputs().ToArbitrary(), input =>
            {
                var compressed = new byte[SnappyCompressor.MaxCompressedLength(input.Length)];
                var length = new SnappyCompressor().Compress(input, compressed);
                var output = new byte[input.Length];
                SnappyDecoder.Decode(compressed.AsSpan(0, length), output);
                return output.AsSpan().SequenceEqual(input);
            }));
    }

    [Fact]
    public void Overlapping_copies_repeat_the_last_bytes()
    {
        // "ab" then a copy of length 6 at offset 2 (tag 1: length 4 + 2): "abababab".
        byte[] compressed = [8, 0x04, (byte)'a', (byte)'b', 0x09, 0x02];
        var output = new byte[8];

        SnappyDecoder.Decode(compressed, output);

        Assert.Equal("abababab"u8.ToArray(), output);
    }

    [Theory]
    [InlineData(new byte[] { 4, 0x0C, 1, 2, 3 }, "corrupt Snappy data: literal of 4 bytes at output position 0 overruns the block.")]
    [InlineData(new byte[] { 4, 0x00, 1, 0x01, 0x05 }, "corrupt Snappy data: copy offset 5 at output position 1 points outside the data.")]
    [InlineData(new byte[] { 4, 0x00, 1, 0x01, 0x00 }, "corrupt Snappy data: copy offset 0 at output position 1 points outside the data.")]
    [InlineData(new byte[] { 4, 0x00, 1 }, "corrupt Snappy data: block ends after 1 of 4 bytes.")]
    [InlineData(new byte[] { 5, 0x00, 1 }, "corrupt Snappy data: block declares 5 bytes, the page header 4.")]
    [InlineData(new byte[] { 0x80, 0x80 }, "corrupt Snappy data: length preamble is truncated.")]
    [InlineData(new byte[] { 4, 0x00, 1, 0x02, 0x01 }, "corrupt Snappy data: copy is truncated.")]
    public void Corrupt_blocks_throw_instead_of_writing_outside_the_output(byte[] compressed, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => SnappyDecoder.Decode(compressed, new byte[4]));

        Assert.Equal(message, error.Message);
    }

    private static Gen<byte[]> Inputs() =>
        Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
            Gen.ArrayOf(Gen.Choose(0, 3).Select(b => (byte)b)),
            Gen.Choose(0, 70_000).Select(n => Enumerable.Range(0, n).Select(i => (byte)(i / 100 % 7)).ToArray()));
}
