namespace Life.Sweep.Filters;

/// <summary>
/// Recursive descent over the tokens. Grammar (lowest precedence first):
/// <code>
/// or         := and (('or' | '||') and)*
/// and        := unary (('and' | '&amp;&amp;') unary)*
/// unary      := ('not' | '!') unary | '(' or ')' | comparison
/// comparison := operand [('=' | '==' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') operand | 'is' ['not'] 'null']
/// operand    := column | number | 'string' | true | false
/// </code>
/// </summary>
internal sealed class WhereParser
{
    private readonly List<WhereToken> _tokens;
    private int _next;

    private WhereParser(List<WhereToken> tokens)
    {
        _tokens = tokens;
    }

    public static WhereSyntax Parse(string text)
    {
        var parser = new WhereParser(WhereLexer.Tokenize(text));
        if (parser.Peek.Kind == WhereTokenKind.End)
        {
            throw new WhereSyntaxException("the expression is empty");
        }

        var syntax = parser.Or();
        var rest = parser.Peek;
        return rest.Kind == WhereTokenKind.End
            ? syntax
            : throw new WhereSyntaxException($"unexpected {rest.Describe()} at position {rest.Position}; expected and, or, or the end");
    }

    private WhereToken Peek => _tokens[_next];

    private static bool IsComparison(WhereTokenKind kind) =>
        kind is WhereTokenKind.Equal or WhereTokenKind.NotEqual or WhereTokenKind.Less or WhereTokenKind.LessOrEqual
            or WhereTokenKind.Greater or WhereTokenKind.GreaterOrEqual;

    private WhereToken Take() => _tokens[_next++];

    private WhereSyntax Or()
    {
        var left = And();
        while (Peek.Kind == WhereTokenKind.Or)
        {
            Take();
            left = new WhereSyntax(WhereSyntaxKind.Or, left, And());
        }

        return left;
    }

    private WhereSyntax And()
    {
        var left = Unary();
        while (Peek.Kind == WhereTokenKind.And)
        {
            Take();
            left = new WhereSyntax(WhereSyntaxKind.And, left, Unary());
        }

        return left;
    }

    private WhereSyntax Unary()
    {
        switch (Peek.Kind)
        {
            case WhereTokenKind.Not:
                Take();
                return new WhereSyntax(WhereSyntaxKind.Not, Unary());
            case WhereTokenKind.OpenParen:
                var open = Take();
                var inner = Or();
                var close = Take();
                return close.Kind == WhereTokenKind.CloseParen
                    ? inner
                    : throw new WhereSyntaxException($"the '(' at position {open.Position} is not closed: found {close.Describe()} at position {close.Position}");
            default:
                return Comparison();
        }
    }

    private WhereSyntax Comparison()
    {
        var left = Operand();
        var next = Peek;
        if (IsComparison(next.Kind))
        {
            Take();
            return new WhereSyntax(WhereSyntaxKind.Comparison, Left: left, Operator: next.Kind, Right: Operand());
        }

        if (next.Kind == WhereTokenKind.Is)
        {
            Take();
            var negated = Peek.Kind == WhereTokenKind.Not;
            if (negated)
            {
                Take();
            }

            var keyword = Take();
            if (keyword.Kind != WhereTokenKind.Null)
            {
                throw new WhereSyntaxException($"expected null after 'is' at position {keyword.Position}, found {keyword.Describe()}");
            }

            return new WhereSyntax(negated ? WhereSyntaxKind.IsNotNull : WhereSyntaxKind.IsNull, Left: left);
        }

        return new WhereSyntax(WhereSyntaxKind.Truth, Left: left);
    }

    private WhereOperand Operand()
    {
        var token = Take();
        return token.Kind is WhereTokenKind.Identifier or WhereTokenKind.Number or WhereTokenKind.String or WhereTokenKind.True or WhereTokenKind.False
            ? WhereOperand.From(token)
            : throw new WhereSyntaxException($"expected a column, number, 'string', true or false at position {token.Position}, found {token.Describe()}");
    }
}
