using System.Data.Common;
using System.Globalization;

namespace Life.Sweep.Datasets;

/// <summary>One column of a <see cref="RowSet"/>: typed values plus validity.</summary>
public sealed class RowSetColumn
{
    private readonly long[]? _integers;
    private readonly double[]? _numbers;
    private readonly bool[]? _booleans;
    private readonly string?[]? _strings;
    private readonly bool[] _present;

    internal RowSetColumn(DatasetColumn column, int count)
    {
        Column = column;
        _present = new bool[count];
        switch (column.Kind)
        {
            case ColumnKind.Integer:
                _integers = new long[count];
                break;
            case ColumnKind.Real:
                _numbers = new double[count];
                break;
            case ColumnKind.Boolean:
                _booleans = new bool[count];
                break;
            default:
                _strings = new string?[count];
                break;
        }
    }

    public DatasetColumn Column { get; }

    public bool IsNull(int row) => !_present[row];

    public long GetInt64(int row) => _integers is { } values ? values[row] : throw WrongType("an integer");

    /// <summary>A number of any numeric type, as a double.</summary>
    public double GetDouble(int row) => _numbers is { } values ? values[row] : _integers is { } integers ? integers[row] : throw WrongType("a number");

    public bool GetBoolean(int row) => _booleans is { } values ? values[row] : throw WrongType("true/false");

    public string? GetString(int row) => _strings is { } values ? values[row] : throw WrongType("text");

    /// <summary>The value as text (invariant culture, doubles round-trippable), or null.</summary>
    public string? Format(int row) =>
        IsNull(row) ? null
        : _integers is { } integers ? integers[row].ToString(CultureInfo.InvariantCulture)
        : _numbers is { } numbers ? numbers[row].ToString("R", CultureInfo.InvariantCulture)
        : _booleans is { } booleans ? (booleans[row] ? "true" : "false")
        : _strings![row];

    internal void Set(int row, DbDataReader reader, int ordinal)
    {
        _present[row] = !reader.IsDBNull(ordinal);
        if (!_present[row])
        {
            return;
        }

        switch (Column.Kind)
        {
            case ColumnKind.Integer:
                _integers![row] = Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
                break;
            case ColumnKind.Real:
                _numbers![row] = Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
                break;
            case ColumnKind.Boolean:
                _booleans![row] = reader.GetBoolean(ordinal);
                break;
            default:
                _strings![row] = Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
                break;
        }
    }

    private InvalidOperationException WrongType(string wanted) => new($"Column '{Column.Name}' is {Column.SqlType}, not {wanted}.");
}
