using Life.Parquet;

namespace Life.Sweep.Datasets;

/// <summary>
/// A small set of whole dataset rows (every column, as the dataset has them), such as a Pareto
/// front, in a fixed order; writable as a Parquet file of the dataset's schema.
/// </summary>
public sealed class RowSet
{
    private readonly RowSetColumn[] _columns;

    public RowSet(ParquetSchema schema, int count)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Schema = schema;
        Count = count;
        _columns = [.. schema.Columns.Select(column => new RowSetColumn(column, count))];
    }

    public ParquetSchema Schema { get; }

    public int Count { get; }

    public IReadOnlyList<RowSetColumn> Columns => _columns;

    /// <summary>The column named <paramref name="name"/>.</summary>
    public RowSetColumn this[string name] => Schema.IndexOf(name) is var index and >= 0
        ? _columns[index]
        : throw new ArgumentException($"No column '{name}'.", nameof(name));

    /// <summary>
    /// Writes the rows to <paramref name="path"/> atomically (a temporary file in the same directory,
    /// renamed when complete), with <paramref name="metadata"/> as key-value metadata.
    /// </summary>
    public void WriteParquet(string path, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(metadata);
        using var writer = new ParquetFileWriter(path, Schema, new ParquetWriterOptions { KeyValueMetadata = metadata });
        if (Count > 0)
        {
            var batch = new ParquetBatch(Schema, Count);
            for (var i = 0; i < _columns.Length; i++)
            {
                _columns[i].SetIn(batch, i);
            }

            writer.WriteBatch(batch);
        }

        writer.Commit();
    }
}
