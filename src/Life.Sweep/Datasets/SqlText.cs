namespace Life.Sweep.Datasets;

/// <summary>SQL literals and identifiers for DuckDB, quoted so any text stays one token.</summary>
public static class SqlText
{
    /// <summary>A string literal: <c>'it''s'</c>.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    /// <summary>A quoted identifier: <c>"config_id"</c>.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
