namespace Life.Parquet.Writing;

/// <summary>The strings of a chunk, given either directly or as (dictionary, indices; negative = null).</summary>
internal readonly ref struct StringSource
{
    private readonly ReadOnlySpan<string?> _values;
    private readonly ReadOnlySpan<string> _dictionary;
    private readonly ReadOnlySpan<int> _indices;
    private readonly bool _indexed;

    public StringSource(ReadOnlySpan<string?> values)
    {
        _values = values;
        Length = values.Length;
    }

    public StringSource(ReadOnlySpan<string> dictionary, ReadOnlySpan<int> indices)
    {
        _dictionary = dictionary;
        _indices = indices;
        _indexed = true;
        Length = indices.Length;
    }

    public int Length { get; }

    public string? this[int row]
    {
        get
        {
            if (!_indexed)
            {
                return _values[row];
            }

            var index = _indices[row];
            return index < 0 ? null : _dictionary[index];
        }
    }
}
