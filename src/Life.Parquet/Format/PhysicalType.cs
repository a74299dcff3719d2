namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>Type</c>. Zero is a real value (BOOLEAN), never "unset".</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,

    /// <summary>Deprecated; the reader names it in its "unsupported" error.</summary>
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,

    /// <summary>Not written; the reader names it in its "unsupported" error.</summary>
    FixedLenByteArray = 7,
}
