using Life.Parquet.Format;

namespace Life.Parquet;

/// <summary>
/// Writes the columns of one row group, in schema order, straight from the caller's spans: each
/// call encodes one whole column chunk. Validity spans are optional (empty = no nulls; true =
/// present); values at null positions are ignored. The row group completes with its last column.
/// </summary>
public sealed class ParquetRowGroupWriter
{
    private readonly ParquetFileWriter _owner;
    private ColumnChunkMetadata[] _chunks = [];

    internal ParquetRowGroupWriter(ParquetFileWriter owner)
    {
        _owner = owner;
    }

    /// <summary>Rows in this row group; every column gets exactly this many values.</summary>
    public int RowCount { get; private set; }

    /// <summary>Index of the column the next Write call encodes.</summary>
    public int NextColumnIndex { get; private set; }

    internal bool IsInProgress => NextColumnIndex < _chunks.Length;

    /// <summary>For an INT32 column.</summary>
    public void WriteInt32(ReadOnlySpan<int> values, ReadOnlySpan<bool> validity = default) =>
        Complete(_owner.Chunks.WriteNumbers(Next(values.Length, ParquetType.Int32), values, validity));

    /// <summary>For an INT64 column, or a TIMESTAMP column in microseconds since the Unix epoch (UTC).</summary>
    public void WriteInt64(ReadOnlySpan<long> values, ReadOnlySpan<bool> validity = default) =>
        Complete(_owner.Chunks.WriteNumbers(Next(values.Length, ParquetType.Int64, ParquetType.TimestampMicros), values, validity));

    /// <summary>For a FLOAT column.</summary>
    public void WriteFloat(ReadOnlySpan<float> values, ReadOnlySpan<bool> validity = default) =>
        Complete(_owner.Chunks.WriteNumbers(Next(values.Length, ParquetType.Float), values, validity));

    /// <summary>For a DOUBLE column.</summary>
    public void WriteDouble(ReadOnlySpan<double> values, ReadOnlySpan<bool> validity = default) =>
        Complete(_owner.Chunks.WriteNumbers(Next(values.Length, ParquetType.Double), values, validity));

    /// <summary>For a BOOLEAN column.</summary>
    public void WriteBoolean(ReadOnlySpan<bool> values, ReadOnlySpan<bool> validity = default) =>
        Complete(_owner.Chunks.WriteBooleans(Next(values.Length, ParquetType.Boolean), values, validity));

    /// <summary>For a STRING column; null entries are nulls.</summary>
    public void WriteStrings(ReadOnlySpan<string?> values) =>
        Complete(_owner.Chunks.WriteStrings(Next(values.Length, ParquetType.String), values));

    /// <summary>
    /// For a STRING column held as indices into a string table: the fast path. Strings are
    /// encoded once per used entry, never per row. A negative index is a null.
    /// </summary>
    public void WriteStrings(ReadOnlySpan<string> dictionary, ReadOnlySpan<int> indices) =>
        Complete(_owner.Chunks.WriteStrings(Next(indices.Length, ParquetType.String), dictionary, indices));

    internal void Reset(int rowCount)
    {
        RowCount = rowCount;
        NextColumnIndex = 0;
        _chunks = new ColumnChunkMetadata[_owner.Schema.Count];
    }

    private ParquetColumn Next(int length, ParquetType expected, ParquetType alsoAccepted = (ParquetType)(-1))
    {
        _owner.EnsureOpen();
        if (!IsInProgress)
        {
            throw new InvalidOperationException("No row group is in progress: call BeginRowGroup first.");
        }

        var column = _owner.Schema[NextColumnIndex];
        if (column.Type != expected && column.Type != alsoAccepted)
        {
            throw new InvalidOperationException(
                $"Column {NextColumnIndex} '{column.Name}' is {column.Type}; this call writes {expected}.");
        }

        if (length != RowCount)
        {
            throw new ArgumentException($"Column '{column.Name}': {length} values for a row group of {RowCount} rows.");
        }

        // Until Complete, the writer counts as faulted: an exception mid-chunk leaves a partial chunk.
        _owner.BeginEncoding();
        return column;
    }

    private void Complete(ColumnChunkMetadata chunk)
    {
        _owner.EndEncoding();
        _chunks[NextColumnIndex++] = chunk;
        if (NextColumnIndex == _chunks.Length)
        {
            _owner.CompleteRowGroup(RowCount, _chunks);
        }
    }
}
