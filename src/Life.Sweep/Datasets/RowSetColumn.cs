using System.Globalization;
using Life.Parquet;

namespace Life.Sweep.Datasets;

/// <summary>One column of a <see cref="RowSet"/>: typed values plus validity, filled row by row from read chunks.</summary>
public sealed class RowSetColumn
{
    private readonly long[]? _integers;
    private readonly double[]? _numbers;
    private readonly bool[]? _booleans;
    private readonly string?[]? _strings;
    private readonly bool[] _present;

    internal RowSetColumn(ParquetColumn column, int count)
    {
        Column = column;
        _present = new bool[count];
        switch (column.Type)
        {
            case ParquetType.Int32 or ParquetType.Int64 or ParquetType.TimestampMicros:
                _integers = new long[count];
                break;
            case ParquetType.Float or ParquetType.Double:
                _numbers = new double[count];
                break;
            case ParquetType.Boolean:
                _booleans = new bool[count];
                break;
            default:
                _strings = new string?[count];
                break;
        }
    }

    public ParquetColumn Column { get; }

    public bool IsNull(int row) => !_present[row];

    /// <summary>An INT32, INT64 or TIMESTAMP value.</summary>
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

    internal void CopyFrom(int row, ParquetColumnData source, int sourceRow)
    {
        _present[row] = !source.IsNull(sourceRow);
        switch (Column.Type)
        {
            case ParquetType.Int32:
                _integers![row] = source.Int32s[sourceRow];
                break;
            case ParquetType.Int64 or ParquetType.TimestampMicros:
                _integers![row] = source.Int64s[sourceRow];
                break;
            case ParquetType.Float:
                _numbers![row] = source.Floats[sourceRow];
                break;
            case ParquetType.Double:
                _numbers![row] = source.Doubles[sourceRow];
                break;
            case ParquetType.Boolean:
                _booleans![row] = source.Booleans[sourceRow];
                break;
            default:
                _strings![row] = source.GetString(sourceRow);
                break;
        }
    }

    internal void SetIn(ParquetBatch batch, int index)
    {
        ReadOnlyMemory<bool> validity = Column.IsNullable ? _present : default;
        switch (Column.Type)
        {
            case ParquetType.Int32:
                batch.SetInt32(index, _integers!.Select(v => (int)v).ToArray(), validity);
                break;
            case ParquetType.Int64 or ParquetType.TimestampMicros:
                batch.SetInt64(index, _integers, validity);
                break;
            case ParquetType.Float:
                batch.SetFloat(index, _numbers!.Select(v => (float)v).ToArray(), validity);
                break;
            case ParquetType.Double:
                batch.SetDouble(index, _numbers, validity);
                break;
            case ParquetType.Boolean:
                batch.SetBoolean(index, _booleans, validity);
                break;
            default:
                batch.SetStrings(index, _strings);
                break;
        }
    }

    private InvalidOperationException WrongType(string wanted) => new($"Column '{Column.Name}' is {Column.Type}, not {wanted}.");
}
