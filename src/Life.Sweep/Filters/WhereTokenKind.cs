namespace Life.Sweep.Filters;

/// <summary>The lexical elements of a <c>--where</c> expression.</summary>
internal enum WhereTokenKind
{
    End,
    Identifier,
    Number,
    String,
    True,
    False,
    Null,
    And,
    Or,
    Not,
    Is,
    OpenParen,
    CloseParen,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
