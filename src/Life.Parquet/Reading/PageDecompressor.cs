using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Life.Parquet.Compression;
using Life.Parquet.Format;

namespace Life.Parquet.Reading;

/// <summary>
/// Decompresses page bodies into a reused buffer. Sizes are checked exactly, as Arrow and DuckDB
/// do: a page that decompresses to anything but its header's size is corrupt.
/// </summary>
internal sealed class PageDecompressor : IDisposable
{
    /// <summary>Larger pages are refused rather than allocated: no writer makes them, corruption can.</summary>
    public const int MaxPageSize = 1 << 30;

    private byte[] _buffer = [];

    /// <summary>Whether this reader decodes <paramref name="codec"/>.</summary>
    public static bool Supports(int codec) =>
        (CompressionCodec)codec is CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli;

    public static string NameOf(int codec) => FormatNames.Codec(codec);

    /// <summary>
    /// The decompressed body (<paramref name="size"/> bytes), valid until the next call. For an
    /// uncompressed page it is <paramref name="body"/> itself.
    /// </summary>
    public ReadOnlyMemory<byte> Decompress(int codec, ReadOnlyMemory<byte> body, int size)
    {
        if ((CompressionCodec)codec == CompressionCodec.Uncompressed)
        {
            return body.Length == size
                ? body
                : throw new InvalidDataException($"uncompressed page holds {body.Length} bytes, its header says {size}.");
        }

        if (size > MaxPageSize)
        {
            throw new InvalidDataException($"page of {size} bytes is larger than the {MaxPageSize}-byte limit.");
        }

        // Sizes no codec can reach are corruption: refuse them before allocating.
        if ((CompressionCodec)codec == CompressionCodec.Snappy && SnappyDecoder.ReadLength(body.Span, out _) != size)
        {
            throw new InvalidDataException($"Snappy data declares {SnappyDecoder.ReadLength(body.Span, out _)} bytes, the page header {size}.");
        }

        if ((CompressionCodec)codec == CompressionCodec.Gzip && size > (body.Length * 1032L) + 1024)
        {
            throw new InvalidDataException($"{body.Length} bytes of GZIP data cannot hold the {size} bytes the page header says.");
        }

        if (_buffer.Length < size)
        {
            Return();
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }

        var output = _buffer.AsMemory(0, size);
        switch ((CompressionCodec)codec)
        {
            case CompressionCodec.Snappy:
                SnappyDecoder.Decode(body.Span, output.Span);
                break;
            case CompressionCodec.Gzip:
                Gunzip(body, output.Span);
                break;
            case CompressionCodec.Brotli:
                if (!BrotliDecoder.TryDecompress(body.Span, output.Span, out var written) || written != size)
                {
                    throw new InvalidDataException($"Brotli data does not decompress to the {size} bytes the page header says.");
                }

                break;
            default:
                throw new NotSupportedException($"codec {NameOf(codec)} is not supported (UNCOMPRESSED, SNAPPY, GZIP and BROTLI are).");
        }

        return output;
    }

    public void Dispose() => Return();

    private static void Gunzip(ReadOnlyMemory<byte> body, Span<byte> output)
    {
        if (!MemoryMarshal.TryGetArray(body, out var segment))
        {
            segment = new ArraySegment<byte>(body.ToArray());
        }

        using var source = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        var filled = 0;
        bool longer;
        try
        {
            while (filled < output.Length)
            {
                var read = gzip.Read(output[filled..]);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            Span<byte> extra = stackalloc byte[1];
            longer = gzip.Read(extra) != 0;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"corrupt GZIP data ({e.Message})", e);
        }

        if (filled != output.Length || longer)
        {
            throw new InvalidDataException($"GZIP data does not decompress to the {output.Length} bytes the page header says.");
        }
    }

    private void Return()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
