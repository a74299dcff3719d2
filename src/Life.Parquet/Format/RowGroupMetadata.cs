namespace Life.Parquet.Format;

/// <summary>A written row group: its row count and its column chunks in schema order.</summary>
internal sealed class RowGroupMetadata(int rowCount, ColumnChunkMetadata[] columns)
{
    public int RowCount => rowCount;

    public IReadOnlyList<ColumnChunkMetadata> Columns => columns;
}
