using Life.Parquet;

namespace Life.Sweep.Datasets;

/// <summary>
/// The columns of one row group that a filter or a Pareto scan reads, by slot, with a numeric view of each: a
/// DOUBLE column as is, other numbers converted once per row group into a reused array
/// (integers are exact up to 2^53, which config ids and timestamps stay well below).
/// </summary>
internal sealed class RowGroupColumns
{
    private readonly double[][] _numbers;
    private readonly bool[] _converted;
    private IReadOnlyList<ParquetColumnData> _data = [];

    public RowGroupColumns(int slots)
    {
        _numbers = new double[slots][];
        _converted = new bool[slots];
        for (var i = 0; i < slots; i++)
        {
            _numbers[i] = [];
        }
    }

    public int RowCount { get; private set; }

    public void Set(IReadOnlyList<ParquetColumnData> data, int rowCount)
    {
        _data = data;
        RowCount = rowCount;
        Array.Clear(_converted);
    }

    public ParquetColumnData this[int slot] => _data[slot];

    public ReadOnlySpan<double> Numbers(int slot)
    {
        var data = _data[slot];
        if (data.Column.Type == ParquetType.Double)
        {
            return data.Doubles;
        }

        if (_numbers[slot].Length < RowCount)
        {
            _numbers[slot] = new double[RowCount];
        }

        var numbers = _numbers[slot].AsSpan(0, RowCount);
        if (!_converted[slot])
        {
            switch (data.Column.Type)
            {
                case ParquetType.Int32:
                    Convert(data.Int32s, numbers);
                    break;
                case ParquetType.Float:
                    Convert(data.Floats, numbers);
                    break;
                default:
                    Convert(data.Int64s, numbers);
                    break;
            }

            _converted[slot] = true;
        }

        return numbers;
    }

    private static void Convert<T>(ReadOnlySpan<T> values, Span<double> numbers)
        where T : System.Numerics.INumberBase<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            numbers[i] = double.CreateTruncating(values[i]);
        }
    }
}
