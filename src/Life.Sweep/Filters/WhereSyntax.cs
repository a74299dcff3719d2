namespace Life.Sweep.Filters;

/// <summary>A node of a parsed <c>--where</c> expression; column names are resolved later, against a schema.</summary>
internal sealed record WhereSyntax(
    WhereSyntaxKind Kind,
    WhereSyntax? First = null,
    WhereSyntax? Second = null,
    WhereOperand Left = default,
    WhereTokenKind Operator = WhereTokenKind.End,
    WhereOperand Right = default);
