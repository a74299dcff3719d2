using Life.Sweep.Datasets;

namespace Life.Sweep.Filters;

/// <summary>
/// A string column compared for (in)equality with a string or another string column. Against a
/// literal, each dictionary entry is compared once per row group and rows look their entry up,
/// so no string is compared per row.
/// </summary>
internal sealed class TextComparisonFilter : FilterNode
{
    private readonly int _left;
    private readonly int _right;
    private readonly string _literal;
    private readonly bool _equal;
    private bool[] _entryMatches = [];

    /// <summary><paramref name="right"/> is a slot, or -1 to compare with <paramref name="literal"/>.</summary>
    public TextComparisonFilter(int left, bool equal, int right, string literal)
    {
        _left = left;
        _right = right;
        _literal = literal;
        _equal = equal;
    }

    protected override void Fill(RowGroupColumns columns)
    {
        var left = columns[_left];
        var indices = left.Indices;
        if (_right < 0)
        {
            var dictionary = left.Dictionary;
            if (_entryMatches.Length < dictionary.Length)
            {
                _entryMatches = new bool[Math.Max(dictionary.Length, _entryMatches.Length * 2)];
            }

            for (var e = 0; e < dictionary.Length; e++)
            {
                _entryMatches[e] = string.Equals(dictionary[e], _literal, StringComparison.Ordinal) == _equal;
            }

            for (var i = 0; i < indices.Length; i++)
            {
                var index = indices[i];
                Set(i, index >= 0, index >= 0 && _entryMatches[index]);
            }

            return;
        }

        var right = columns[_right];
        for (var i = 0; i < indices.Length; i++)
        {
            var x = left.GetString(i);
            var y = right.GetString(i);
            Set(i, x is not null && y is not null, string.Equals(x, y, StringComparison.Ordinal) == _equal);
        }
    }
}
