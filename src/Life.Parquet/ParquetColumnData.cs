using System.Runtime.InteropServices;

namespace Life.Parquet;

/// <summary>
/// One column of one row group as <see cref="ParquetFileReader"/> read it, row-aligned: value
/// <c>i</c> belongs to row <c>i</c> of the row group. Nulls are in <see cref="Validity"/>
/// (empty when the chunk has none; true = present) and hold the default value. Strings come as
/// <see cref="Indices"/> into <see cref="Dictionary"/> (-1 = null): a dictionary-encoded chunk's
/// strings are decoded once per entry, never per row. Pass an instance back to a Read call to
/// reuse its arrays; the spans it handed out then see the new data.
/// </summary>
public sealed class ParquetColumnData
{
    private int[] _int32s = [];
    private long[] _int64s = [];
    private float[] _floats = [];
    private double[] _doubles = [];
    private bool[] _booleans = [];
    private bool[] _validity = [];
    private int[] _indices = [];
    private string[] _strings = [];
    private int _stringCount;

    internal ParquetColumnData(ParquetColumn column)
    {
        Column = column;
    }

    public ParquetColumn Column { get; private set; }

    public int RowCount { get; private set; }

    public int NullCount { get; private set; }

    /// <summary>Per row, true when the value is present; empty when no row is null.</summary>
    public ReadOnlySpan<bool> Validity => NullCount == 0 ? default : _validity.AsSpan(0, RowCount);

    /// <summary>An INT32 column's values.</summary>
    public ReadOnlySpan<int> Int32s => Check(ParquetType.Int32)._int32s.AsSpan(0, RowCount);

    /// <summary>An INT64 column's values, or a TIMESTAMP column's microseconds since the Unix epoch.</summary>
    public ReadOnlySpan<long> Int64s => Check(ParquetType.Int64, ParquetType.TimestampMicros)._int64s.AsSpan(0, RowCount);

    public ReadOnlySpan<float> Floats => Check(ParquetType.Float)._floats.AsSpan(0, RowCount);

    public ReadOnlySpan<double> Doubles => Check(ParquetType.Double)._doubles.AsSpan(0, RowCount);

    public ReadOnlySpan<bool> Booleans => Check(ParquetType.Boolean)._booleans.AsSpan(0, RowCount);

    /// <summary>A STRING column: per row, the position of its value in <see cref="Dictionary"/>, or -1 for null.</summary>
    public ReadOnlySpan<int> Indices => Check(ParquetType.String)._indices.AsSpan(0, RowCount);

    /// <summary>
    /// A STRING column's distinct values when the chunk is dictionary-encoded; PLAIN-encoded
    /// values follow one entry per row, so entries may repeat.
    /// </summary>
    public ReadOnlySpan<string> Dictionary => Check(ParquetType.String)._strings.AsSpan(0, _stringCount);

    public bool IsNull(int row) => NullCount != 0 && !_validity[row];

    /// <summary>A STRING column's value at <paramref name="row"/>, or null.</summary>
    public string? GetString(int row)
    {
        var index = Indices[row];
        return index < 0 ? null : _strings[index];
    }

    internal Span<bool> ValidityBuffer => _validity.AsSpan(0, RowCount);

    internal Span<bool> BooleanBuffer => _booleans.AsSpan(0, RowCount);

    internal Span<int> IndexBuffer => _indices.AsSpan(0, RowCount);

    internal int StringCount => _stringCount;

    /// <summary>Prepares for <paramref name="rowCount"/> rows of <paramref name="column"/>, growing arrays as needed.</summary>
    internal void Reset(ParquetColumn column, int rowCount)
    {
        Column = column;
        RowCount = rowCount;
        NullCount = 0;
        _stringCount = 0;
        if (column.IsNullable)
        {
            Grow(ref _validity, rowCount);
        }

        switch (column.Type)
        {
            case ParquetType.Int32:
                Grow(ref _int32s, rowCount);
                break;
            case ParquetType.Int64 or ParquetType.TimestampMicros:
                Grow(ref _int64s, rowCount);
                break;
            case ParquetType.Float:
                Grow(ref _floats, rowCount);
                break;
            case ParquetType.Double:
                Grow(ref _doubles, rowCount);
                break;
            case ParquetType.Boolean:
                Grow(ref _booleans, rowCount);
                break;
            default:
                Grow(ref _indices, rowCount);
                break;
        }
    }

    /// <summary>The row-aligned value array of a fixed-width column, as <typeparamref name="T"/>.</summary>
    internal Span<T> ValueBuffer<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(int))
        {
            return MemoryMarshal.Cast<int, T>(_int32s.AsSpan(0, RowCount));
        }

        if (typeof(T) == typeof(long))
        {
            return MemoryMarshal.Cast<long, T>(_int64s.AsSpan(0, RowCount));
        }

        if (typeof(T) == typeof(float))
        {
            return MemoryMarshal.Cast<float, T>(_floats.AsSpan(0, RowCount));
        }

        return MemoryMarshal.Cast<double, T>(_doubles.AsSpan(0, RowCount));
    }

    internal void SetNullCount(int nullCount) => NullCount = nullCount;

    /// <summary>Appends a string; returns its index for <see cref="Indices"/>.</summary>
    internal int AddString(string value)
    {
        if (_stringCount == _strings.Length)
        {
            Array.Resize(ref _strings, Math.Max(16, _strings.Length * 2));
        }

        _strings[_stringCount] = value;
        return _stringCount++;
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[length];
        }
    }

    private ParquetColumnData Check(ParquetType type, ParquetType alsoAccepted = (ParquetType)(-1)) =>
        Column.Type == type || Column.Type == alsoAccepted
            ? this
            : throw new InvalidOperationException($"Column '{Column.Name}' is {Column.Type}, not {type}.");
}
