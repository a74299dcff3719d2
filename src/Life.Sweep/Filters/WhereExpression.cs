using Life.Parquet;

namespace Life.Sweep.Filters;

/// <summary>
/// A row filter such as <c>fits and ttft_ms &lt; 2000 and hardware = 'h100-sxm'</c>: comparisons
/// of result columns with numbers, 'strings', true/false or other columns (<c>= == != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>),
/// bare true/false columns, <c>is [not] null</c>, combined with <c>and/&amp;&amp;</c>, <c>or/||</c>,
/// <c>not/!</c> and parentheses. Keywords are case-insensitive; so are column names when unambiguous.
/// A comparison with a null is neither true nor false (SQL semantics), so such rows never match.
/// </summary>
public sealed class WhereExpression
{
    private readonly WhereSyntax _syntax;

    private WhereExpression(string text, WhereSyntax syntax)
    {
        Text = text;
        _syntax = syntax;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; a syntax error throws <see cref="WhereSyntaxException"/> with its position.</summary>
    public static WhereExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new WhereExpression(text, WhereParser.Parse(text));
    }

    /// <summary>
    /// Resolves the columns against <paramref name="schema"/>; an unknown column or a comparison of
    /// mismatched types throws <see cref="WhereSyntaxException"/> naming the column.
    /// </summary>
    public WhereFilter Bind(ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var (root, columns) = WhereBinder.Bind(_syntax, schema);
        return new WhereFilter(root, columns);
    }

    public override string ToString() => Text;
}
