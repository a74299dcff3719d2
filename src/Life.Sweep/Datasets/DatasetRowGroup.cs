using Life.Parquet;

namespace Life.Sweep.Datasets;

/// <summary>
/// One row group of a dataset scan: where it is, and the requested columns' data in the order
/// requested. The column buffers are reused by the next row group of the scan.
/// </summary>
public sealed class DatasetRowGroup(int fileIndex, string file, int rowGroup, int rowCount, IReadOnlyList<ParquetColumnData> columns)
{
    public int FileIndex => fileIndex;

    public string File => file;

    public int RowGroup => rowGroup;

    public int RowCount => rowCount;

    public IReadOnlyList<ParquetColumnData> Columns => columns;
}
