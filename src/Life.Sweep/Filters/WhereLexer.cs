using System.Globalization;

namespace Life.Sweep.Filters;

/// <summary>
/// Splits a <c>--where</c> expression into tokens: identifiers, numbers, single-quoted strings
/// (<c>''</c> escapes a quote), keywords (<c>and or not is null true false</c>, any case),
/// <c>&amp;&amp; || !</c>, comparison operators and parentheses.
/// </summary>
internal static class WhereLexer
{
    public static List<WhereToken> Tokenize(string text)
    {
        var tokens = new List<WhereToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                tokens.Add(new WhereToken(WhereTokenKind.End, string.Empty, i + 1));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new WhereToken(Keyword(word), word, start + 1));
            }
            else if (char.IsAsciiDigit(c) || ((c is '-' or '.') && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                tokens.Add(Number(text, ref i));
            }
            else if (c == '\'')
            {
                tokens.Add(QuotedString(text, ref i));
            }
            else
            {
                tokens.Add(Symbol(text, ref i));
            }
        }
    }

    private static WhereTokenKind Keyword(string word) => word.ToUpperInvariant() switch
    {
        "AND" => WhereTokenKind.And,
        "OR" => WhereTokenKind.Or,
        "NOT" => WhereTokenKind.Not,
        "IS" => WhereTokenKind.Is,
        "NULL" => WhereTokenKind.Null,
        "TRUE" => WhereTokenKind.True,
        "FALSE" => WhereTokenKind.False,
        _ => WhereTokenKind.Identifier,
    };

    private static WhereToken Number(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || text[i] == '_'))
        {
            i++;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        var literal = text[start..i];
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_')
            || !double.TryParse(literal.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            throw new WhereSyntaxException($"'{text[start..i]}' at position {start + 1} is not a number");
        }

        return new WhereToken(WhereTokenKind.Number, literal, start + 1, value);
    }

    private static WhereToken QuotedString(string text, ref int i)
    {
        var start = i++;
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (i == text.Length)
            {
                throw new WhereSyntaxException($"the string starting at position {start + 1} has no closing quote");
            }

            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return new WhereToken(WhereTokenKind.String, text[start..i], start + 1, Value: value.ToString());
            }

            value.Append(text[i++]);
        }
    }

    private static WhereToken Symbol(string text, ref int i)
    {
        var start = i;
        var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
        var (kind, length) = two switch
        {
            "&&" => (WhereTokenKind.And, 2),
            "||" => (WhereTokenKind.Or, 2),
            "==" => (WhereTokenKind.Equal, 2),
            "!=" or "<>" => (WhereTokenKind.NotEqual, 2),
            "<=" => (WhereTokenKind.LessOrEqual, 2),
            ">=" => (WhereTokenKind.GreaterOrEqual, 2),
            _ => text[i] switch
            {
                '=' => (WhereTokenKind.Equal, 1),
                '<' => (WhereTokenKind.Less, 1),
                '>' => (WhereTokenKind.Greater, 1),
                '!' => (WhereTokenKind.Not, 1),
                '(' => (WhereTokenKind.OpenParen, 1),
                ')' => (WhereTokenKind.CloseParen, 1),
                _ => throw new WhereSyntaxException($"unexpected character '{text[i]}' at position {i + 1}"),
            },
        };
        i += length;
        return new WhereToken(kind, text.Substring(start, length), start + 1);
    }
}
