namespace Life.Parquet;

/// <summary>
/// The columns of a batch of rows (e.g. one sweep shard), referenced, not copied: arrays or
/// memory per column. <see cref="ParquetFileWriter.WriteBatch"/> splits it into row groups of
/// <see cref="ParquetWriterOptions.RowGroupSize"/> rows. Set every column before writing; a
/// batch can be refilled and written again.
/// </summary>
public sealed class ParquetBatch
{
    private readonly BatchColumn[] _columns;

    public ParquetBatch(ParquetSchema schema, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        Schema = schema;
        RowCount = rowCount;
        _columns = new BatchColumn[schema.Count];
    }

    public ParquetSchema Schema { get; }

    public int RowCount { get; }

    /// <summary>An INT32 column; <paramref name="validity"/> empty = no nulls, true = present.</summary>
    public ParquetBatch SetInt32(int column, ReadOnlyMemory<int> values, ReadOnlyMemory<bool> validity = default) =>
        Set(column, BatchColumn.OfInt32(values, validity), values.Length, ParquetType.Int32);

    /// <summary>An INT64 column, or TIMESTAMP in microseconds since the Unix epoch (UTC).</summary>
    public ParquetBatch SetInt64(int column, ReadOnlyMemory<long> values, ReadOnlyMemory<bool> validity = default) =>
        Set(column, BatchColumn.OfInt64(values, validity), values.Length, ParquetType.Int64, ParquetType.TimestampMicros);

    public ParquetBatch SetFloat(int column, ReadOnlyMemory<float> values, ReadOnlyMemory<bool> validity = default) =>
        Set(column, BatchColumn.OfFloat(values, validity), values.Length, ParquetType.Float);

    public ParquetBatch SetDouble(int column, ReadOnlyMemory<double> values, ReadOnlyMemory<bool> validity = default) =>
        Set(column, BatchColumn.OfDouble(values, validity), values.Length, ParquetType.Double);

    public ParquetBatch SetBoolean(int column, ReadOnlyMemory<bool> values, ReadOnlyMemory<bool> validity = default) =>
        Set(column, BatchColumn.OfBoolean(values, validity), values.Length, ParquetType.Boolean);

    /// <summary>A STRING column; null entries are nulls.</summary>
    public ParquetBatch SetStrings(int column, ReadOnlyMemory<string?> values) =>
        Set(column, BatchColumn.OfStrings(values), values.Length, ParquetType.String);

    /// <summary>A STRING column as indices into a string table (negative = null): the fast path.</summary>
    public ParquetBatch SetStrings(int column, ReadOnlyMemory<string> dictionary, ReadOnlyMemory<int> indices) =>
        Set(column, BatchColumn.OfIndexedStrings(dictionary, indices), indices.Length, ParquetType.String);

    internal void EnsureComplete()
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (!_columns[i].IsSet)
            {
                throw new InvalidOperationException($"Batch column {i} '{Schema[i].Name}' has no data.");
            }
        }
    }

    internal void WriteColumn(int column, ParquetRowGroupWriter rowGroup, int start, int count) =>
        _columns[column].WriteSlice(rowGroup, start, count);

    private ParquetBatch Set(int column, BatchColumn data, int length, ParquetType expected, ParquetType alsoAccepted = (ParquetType)(-1))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns.Length);
        var schemaColumn = Schema[column];
        if (schemaColumn.Type != expected && schemaColumn.Type != alsoAccepted)
        {
            throw new ArgumentException($"Column {column} '{schemaColumn.Name}' is {schemaColumn.Type}, not {expected}.", nameof(column));
        }

        if (length != RowCount)
        {
            throw new ArgumentException($"Column '{schemaColumn.Name}': {length} values for a batch of {RowCount} rows.", nameof(column));
        }

        if (!data.Validity.IsEmpty && data.Validity.Length != RowCount)
        {
            throw new ArgumentException($"Column '{schemaColumn.Name}': validity has {data.Validity.Length} entries for {RowCount} rows.", nameof(column));
        }

        _columns[column] = data;
        return this;
    }
}
