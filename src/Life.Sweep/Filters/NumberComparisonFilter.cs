using Life.Sweep.Datasets;

namespace Life.Sweep.Filters;

/// <summary>
/// A numeric column compared with a number or another numeric column. The operator is decoded
/// once into which orderings (less, equal, greater) satisfy it; NaN satisfies none, as in IEEE.
/// </summary>
internal sealed class NumberComparisonFilter : FilterNode
{
    private readonly int _left;
    private readonly int _right;
    private readonly double _literal;
    private readonly bool _whenLess;
    private readonly bool _whenEqual;
    private readonly bool _whenGreater;

    /// <summary><paramref name="right"/> is a slot, or -1 to compare with <paramref name="literal"/>.</summary>
    public NumberComparisonFilter(int left, WhereTokenKind comparison, int right, double literal)
    {
        _left = left;
        _right = right;
        _literal = literal;
        _whenLess = comparison is WhereTokenKind.Less or WhereTokenKind.LessOrEqual or WhereTokenKind.NotEqual;
        _whenEqual = comparison is WhereTokenKind.Equal or WhereTokenKind.LessOrEqual or WhereTokenKind.GreaterOrEqual;
        _whenGreater = comparison is WhereTokenKind.Greater or WhereTokenKind.GreaterOrEqual or WhereTokenKind.NotEqual;
    }

    protected override void Fill(RowGroupColumns columns)
    {
        var left = columns.Numbers(_left);
        var leftValidity = columns[_left].Validity;
        var right = _right >= 0 ? columns.Numbers(_right) : default;
        var rightValidity = _right >= 0 ? columns[_right].Validity : default;
        for (var i = 0; i < left.Length; i++)
        {
            var x = left[i];
            var y = _right >= 0 ? right[i] : _literal;
            var known = (leftValidity.IsEmpty || leftValidity[i]) && (rightValidity.IsEmpty || rightValidity[i]);
            var value = x < y ? _whenLess : x > y ? _whenGreater : x == y && _whenEqual;
            Set(i, known, value);
        }
    }
}
