namespace Life.Sweep.Filters;

/// <summary>A token: its kind, its source text, its value (numbers, strings) and its 1-based position.</summary>
internal readonly record struct WhereToken(WhereTokenKind Kind, string Text, int Position, double Number = 0, string? Value = null)
{
    /// <summary>How an error message quotes the token.</summary>
    public string Describe() => Kind == WhereTokenKind.End ? "the end" : $"'{Text}'";
}
