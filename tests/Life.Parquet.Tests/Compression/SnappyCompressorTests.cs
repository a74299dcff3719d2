using FsCheck;
using FsCheck.Fluent;
using Life.Parquet.Compression;
using Life.Parquet.Tests.Reference;

namespace Life.Parquet.Tests.Compression;

public sealed class SnappyCompressorTests
{
    [Fact]
    public void Repetitive_data_shrinks_and_decompresses_exactly()
    {
        var input = new byte[300_000];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (byte)("sweep results "[i % 14] + (i / 5000));
        }

        var compressed = Compress(input);
        Assert.True(compressed.Length < input.Length / 10, $"{compressed.Length} bytes from {input.Length}");
        Assert.Equal(input, SnappyDecompressor.Decompress(compressed));
    }

    [Fact]
    public void Incompressible_data_stays_within_the_worst_case_bound()
    {
        var input = new byte[200_000];
        new Random(1).NextBytes(input);
        var compressed = Compress(input);
        Assert.InRange(compressed.Length, input.Length, SnappyCompressor.MaxCompressedLength(input.Length));
        Assert.Equal(input, SnappyDecompressor.Decompress(compressed));
    }

    [Fact]
    public void Empty_and_tiny_inputs_round_trip()
    {
        foreach (var length in new[] { 0, 1, 3, 14, 15, 16, 60, 61, 65_536, 65_537 })
        {
            var input = Enumerable.Range(0, length).Select(i => (byte)(i % 7)).ToArray();
            Assert.Equal(input, SnappyDecompressor.Decompress(Compress(input)));
        }
    }

    [Fact]
    public void Any_bytes_decompress_back_to_themselves()
    {
        // Mixtures of random bytes and repeated slices exercise literals, all copy forms and
        // fragment boundaries.
        var piece = Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
            Gen.Choose(1, 70_000).SelectMany(n => Gen.Choose(0, 3).Select(v => Enumerable.Repeat((byte)v, n).ToArray())),
            Gen.Choose(4, 200).Select(n => Enumerable.Range(0, n).Select(i => (byte)(i * 31)).ToArray()));
        var inputs = Gen.ArrayOf(piece).Select(pieces => pieces.SelectMany(p => p.Concat(p)).ToArray());
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(150),
            Prop.ForAll(inputs.ToArbitrary(), input => SnappyDecompressor.Decompress(Compress(input)).AsSpan().SequenceEqual(input)));
    }

    private static byte[] Compress(byte[] input)
    {
        var output = new byte[SnappyCompressor.MaxCompressedLength(input.Length)];
        var written = new SnappyCompressor().Compress(input, output);
        return output[..written];
    }
}
