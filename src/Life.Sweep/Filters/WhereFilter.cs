using Life.Sweep.Datasets;
using Life.Parquet;

namespace Life.Sweep.Filters;

/// <summary>
/// A <see cref="WhereExpression"/> bound to a schema: evaluates a row group's columns at once,
/// into reused masks, allocating nothing per row. Not thread-safe (one per scan).
/// </summary>
public sealed class WhereFilter
{
    private readonly FilterNode _root;
    private readonly RowGroupColumns _columns;

    internal WhereFilter(FilterNode root, IReadOnlyList<string> columns)
    {
        _root = root;
        Columns = columns;
        _columns = new RowGroupColumns(columns.Count);
    }

    /// <summary>The columns the filter reads (as the schema spells them): pass their data in this order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Sets <paramref name="matches"/>[i] to whether row i is known to satisfy the filter.</summary>
    public void Evaluate(IReadOnlyList<ParquetColumnData> columns, Span<bool> matches)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != Columns.Count)
        {
            throw new ArgumentException($"The filter reads {Columns.Count} columns; {columns.Count} were given.", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].RowCount != matches.Length || columns[i].Column.Name != Columns[i])
            {
                throw new ArgumentException($"Column {i} must be '{Columns[i]}' with {matches.Length} rows.", nameof(columns));
            }
        }

        _columns.Set(columns, matches.Length);
        _root.Evaluate(_columns);
        _root.IsTrue.CopyTo(matches);
    }
}
