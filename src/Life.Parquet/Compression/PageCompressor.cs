using System.IO.Compression;
using Life.Parquet.Format;
using Life.Parquet.IO;

namespace Life.Parquet.Compression;

/// <summary>Compresses page bodies with the file's codec into a reused buffer.</summary>
internal sealed class PageCompressor : IDisposable
{
    private readonly ParquetCompression _compression;
    private readonly CompressionLevel _gzipLevel;
    private readonly ByteBuffer _snappyOutput = new();
    private readonly SnappyCompressor _snappy = new();
    private readonly MemoryStream _gzipOutput = new();

    public PageCompressor(ParquetCompression compression, CompressionLevel gzipLevel)
    {
        _compression = compression;
        _gzipLevel = gzipLevel;
        Codec = compression switch
        {
            ParquetCompression.Uncompressed => CompressionCodec.Uncompressed,
            ParquetCompression.Snappy => CompressionCodec.Snappy,
            ParquetCompression.Gzip => CompressionCodec.Gzip,
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, null),
        };
    }

    public CompressionCodec Codec { get; }

    /// <summary>
    /// The compressed page body. Valid until the next call; for UNCOMPRESSED it is
    /// <paramref name="body"/> itself.
    /// </summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> body)
    {
        switch (_compression)
        {
            case ParquetCompression.Snappy:
                _snappyOutput.Clear();
                var written = _snappy.Compress(body, _snappyOutput.GetSpan(SnappyCompressor.MaxCompressedLength(body.Length)));
                _snappyOutput.Advance(written);
                return _snappyOutput.WrittenSpan;
            case ParquetCompression.Gzip:
                // One gzip member per page: some readers do not support multi-member pages.
                _gzipOutput.SetLength(0);
                using (var gzip = new GZipStream(_gzipOutput, _gzipLevel, leaveOpen: true))
                {
                    gzip.Write(body);
                }

                return _gzipOutput.GetBuffer().AsSpan(0, (int)_gzipOutput.Length);
            default:
                return body;
        }
    }

    public void Dispose()
    {
        _snappyOutput.Dispose();
        _gzipOutput.Dispose();
    }
}
