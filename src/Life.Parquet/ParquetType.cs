namespace Life.Parquet;

/// <summary>The column types the writer supports, each a Parquet physical type plus its annotation.</summary>
public enum ParquetType
{
    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>INT32 (signed).</summary>
    Int32,

    /// <summary>INT64 (signed).</summary>
    Int64,

    /// <summary>FLOAT (IEEE 754 binary32).</summary>
    Float,

    /// <summary>DOUBLE (IEEE 754 binary64).</summary>
    Double,

    /// <summary>BYTE_ARRAY annotated STRING (UTF-8); readers see text, not binary.</summary>
    String,

    /// <summary>
    /// INT64 annotated TIMESTAMP(isAdjustedToUTC = true, MICROS): microseconds since
    /// 1970-01-01T00:00:00Z, written with the INT64 methods.
    /// </summary>
    TimestampMicros,
}
