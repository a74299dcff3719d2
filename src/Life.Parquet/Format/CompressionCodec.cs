namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>CompressionCodec</c>. The writer emits the first three; the reader also decodes BROTLI.</summary>
internal enum CompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,
    Lz4 = 5,
    Zstd = 6,
    Lz4Raw = 7,
}
