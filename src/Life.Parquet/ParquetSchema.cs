namespace Life.Parquet;

/// <summary>A flat Parquet schema: an ordered list of primitive columns.</summary>
public sealed class ParquetSchema
{
    private readonly ParquetColumn[] _columns;

    public ParquetSchema(params IEnumerable<ParquetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        if (_columns.Length == 0)
        {
            throw new ArgumentException("A schema needs at least one column.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (string.IsNullOrEmpty(column.Name))
            {
                throw new ArgumentException("Column names must not be empty.", nameof(columns));
            }

            if (!Enum.IsDefined(column.Type))
            {
                throw new ArgumentException($"Column '{column.Name}' has an unknown type {column.Type}.", nameof(columns));
            }

            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears twice.", nameof(columns));
            }
        }
    }

    public IReadOnlyList<ParquetColumn> Columns => _columns;

    public int Count => _columns.Length;

    public ParquetColumn this[int index] => _columns[index];

    /// <summary>The position of the column named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
