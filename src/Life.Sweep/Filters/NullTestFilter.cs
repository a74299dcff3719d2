using Life.Sweep.Datasets;

namespace Life.Sweep.Filters;

/// <summary><c>column is null</c> / <c>column is not null</c>: always a known answer.</summary>
internal sealed class NullTestFilter(int column, bool isNull) : FilterNode
{
    protected override void Fill(RowGroupColumns columns)
    {
        var data = columns[column];
        for (var i = 0; i < columns.RowCount; i++)
        {
            Set(i, known: true, data.IsNull(i) == isNull);
        }
    }
}
