using Life.Sweep.Datasets;

namespace Life.Sweep.Filters;

/// <summary>
/// A compiled node of a <c>--where</c> expression, evaluated a row group at a time into two
/// reused masks, SQL's three-valued logic: <see cref="IsTrue"/> and <see cref="IsFalse"/> are
/// both unset where the answer is unknown (a comparison with a null), so <c>not (cost &lt; 1)</c>
/// keeps no row whose cost is null, as in DuckDB.
/// </summary>
internal abstract class FilterNode
{
    private bool[] _isTrue = [];
    private bool[] _isFalse = [];

    public Span<bool> IsTrue => _isTrue.AsSpan(0, RowCount);

    public Span<bool> IsFalse => _isFalse.AsSpan(0, RowCount);

    protected int RowCount { get; private set; }

    public void Evaluate(RowGroupColumns columns)
    {
        RowCount = columns.RowCount;
        if (_isTrue.Length < RowCount)
        {
            _isTrue = new bool[RowCount];
            _isFalse = new bool[RowCount];
        }

        Fill(columns);
    }

    /// <summary>Fills <see cref="IsTrue"/> and <see cref="IsFalse"/> for every row of <paramref name="columns"/>.</summary>
    protected abstract void Fill(RowGroupColumns columns);

    /// <summary>Stores a known answer for a row whose operands are all present, else unknown.</summary>
    protected void Set(int row, bool known, bool value)
    {
        _isTrue[row] = known && value;
        _isFalse[row] = known && !value;
    }
}
