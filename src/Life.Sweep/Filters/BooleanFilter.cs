using Life.Sweep.Datasets;

namespace Life.Sweep.Filters;

/// <summary>
/// A BOOLEAN column alone (<c>meets_constraints</c>), or compared for (in)equality with true,
/// false or another BOOLEAN column.
/// </summary>
internal sealed class BooleanFilter : FilterNode
{
    private readonly int _left;
    private readonly int _right;
    private readonly bool _literal;
    private readonly bool _equal;

    /// <summary><paramref name="right"/> is a slot, or -1 to compare with <paramref name="literal"/> (true for a bare column).</summary>
    public BooleanFilter(int left, bool equal, int right, bool literal)
    {
        _left = left;
        _right = right;
        _literal = literal;
        _equal = equal;
    }

    protected override void Fill(RowGroupColumns columns)
    {
        var left = columns[_left];
        var values = left.Booleans;
        var validity = left.Validity;
        var other = _right >= 0 ? columns[_right] : null;
        var otherValues = other is null ? default : other.Booleans;
        var otherValidity = other is null ? default : other.Validity;
        for (var i = 0; i < values.Length; i++)
        {
            var y = other is null ? _literal : otherValues[i];
            var known = (validity.IsEmpty || validity[i]) && (otherValidity.IsEmpty || otherValidity[i]);
            Set(i, known, (values[i] == y) == _equal);
        }
    }
}
