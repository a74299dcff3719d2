using System.Data.Common;

namespace Life.Sweep.Datasets;

/// <summary>
/// A small set of whole dataset rows (every column, as the dataset has them), such as a Pareto
/// front, in a fixed order.
/// </summary>
public sealed class RowSet
{
    private readonly RowSetColumn[] _columns;

    public RowSet(IReadOnlyList<DatasetColumn> columns, int count)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        _columns = [.. columns.Select(column => new RowSetColumn(column, count))];
    }

    public int Count { get; }

    public IReadOnlyList<RowSetColumn> Columns => _columns;

    /// <summary>The column named <paramref name="name"/>.</summary>
    public RowSetColumn this[string name] => TryGet(name) ?? throw new ArgumentException($"No column '{name}'.", nameof(name));

    public RowSetColumn? TryGet(string name) => Array.Find(_columns, c => c.Column.Name == name);

    /// <summary>Reads every row of <paramref name="reader"/> (whose columns are this set's, in order) into rows 0, 1, ...; returns how many.</summary>
    public int Fill(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = 0;
        while (reader.Read())
        {
            if (row == Count)
            {
                return row + 1;
            }

            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c].Set(row, reader, c);
            }

            row++;
        }

        return row;
    }
}
