namespace Life.Sweep.Filters;

/// <summary>One side of a comparison: a column name, or a number, string or true/false literal.</summary>
internal readonly record struct WhereOperand(WhereTokenKind Kind, string Text, int Position, double Number = 0, string? Value = null)
{
    public bool IsColumn => Kind == WhereTokenKind.Identifier;

    public static WhereOperand From(WhereToken token) => new(token.Kind, token.Text, token.Position, token.Number, token.Value);

    /// <summary>How an error message names the operand.</summary>
    public string Describe() => Kind switch
    {
        WhereTokenKind.Identifier => $"column '{Text}'",
        WhereTokenKind.String => $"the string {Text}",
        WhereTokenKind.Number => $"the number {Text}",
        _ => Text.ToLowerInvariant(),
    };
}
