namespace Life.Parquet.Format;

/// <summary>
/// Column-chunk statistics as written to the footer. Min and max are exact bounds over the
/// non-null (and non-NaN) values in PLAIN encoding, raw UTF-8 bytes for strings; absent when no
/// such value exists or a string bound is too long.
/// </summary>
internal sealed class ColumnStatistics
{
    public required long NullCount { get; init; }

    public long? NanCount { get; init; }

    public byte[]? Min { get; init; }

    public byte[]? Max { get; init; }

    /// <summary>
    /// Also write the deprecated min/max fields: only for signed sort orders (readers would
    /// compare strings as signed bytes).
    /// </summary>
    public bool WriteLegacyMinMax { get; init; }
}
