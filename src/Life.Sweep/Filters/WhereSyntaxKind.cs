namespace Life.Sweep.Filters;

/// <summary>The node kinds of a parsed <c>--where</c> expression.</summary>
internal enum WhereSyntaxKind
{
    And,
    Or,
    Not,

    /// <summary>Left operator Right.</summary>
    Comparison,

    /// <summary>A bare boolean column, such as <c>meets_constraints</c>.</summary>
    Truth,
    IsNull,
    IsNotNull,
}
