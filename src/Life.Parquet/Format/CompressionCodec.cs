namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>CompressionCodec</c>: the subset this writer emits.</summary>
internal enum CompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
}
