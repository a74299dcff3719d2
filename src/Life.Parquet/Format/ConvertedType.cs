namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>ConvertedType</c>: the legacy annotations still written for old readers.</summary>
internal enum ConvertedType
{
    Utf8 = 0,
    TimestampMicros = 10,
}
