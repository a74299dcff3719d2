namespace Life.Parquet.Format;

/// <summary>How each <see cref="ParquetType"/> is stored: physical type and annotations.</summary>
internal static class ColumnTypeMapping
{
    public static PhysicalType PhysicalTypeOf(ParquetType type) => type switch
    {
        ParquetType.Boolean => PhysicalType.Boolean,
        ParquetType.Int32 => PhysicalType.Int32,
        ParquetType.Int64 or ParquetType.TimestampMicros => PhysicalType.Int64,
        ParquetType.Float => PhysicalType.Float,
        ParquetType.Double => PhysicalType.Double,
        ParquetType.String => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The legacy annotation, still written for old readers (LogicalTypes.md).</summary>
    public static ConvertedType? ConvertedTypeOf(ParquetType type) => type switch
    {
        ParquetType.String => ConvertedType.Utf8,
        ParquetType.TimestampMicros => ConvertedType.TimestampMicros,
        _ => null,
    };
}
