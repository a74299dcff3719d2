namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>Type</c>. Zero is a real value (BOOLEAN), never "unset".</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Float = 4,
    Double = 5,
    ByteArray = 6,
}
