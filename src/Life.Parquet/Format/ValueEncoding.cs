namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>Encoding</c>: the subset this writer emits.</summary>
internal enum ValueEncoding
{
    Plain = 0,
    Rle = 3,
    RleDictionary = 8,
}
