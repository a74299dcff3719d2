using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Life.Sweep.Datasets;

/// <summary>
/// DuckDB's error messages on one line: DuckDB spreads a binder error over several lines (the
/// message, candidate columns, then the statement with a caret under the fault); the statement is
/// the caller's own text, so it is dropped and the rest joined.
/// </summary>
public static class DuckDbMessage
{
    public static string OneLine(DuckDBException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return OneLine(exception.Message);
    }

    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith("LINE ", StringComparison.Ordinal) && line.Trim('^', ' ').Length > 0);
        return string.Join(" ", lines);
    }

    /// <summary>
    /// Whether the error is about the statement itself (a name, a type, the syntax) rather than about
    /// the data it read: such an error never comes from a damaged file.
    /// </summary>
    public static bool IsAboutStatement(DuckDBException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // Errors raised while binding report ErrorType Invalid, so the message's own prefix decides too.
        string[] prefixes = ["Binder Error", "Parser Error", "Catalog Error", "Conversion Error", "Not implemented Error"];
        return prefixes.Any(p => exception.Message.StartsWith(p, StringComparison.Ordinal)) || exception.ErrorType is DuckDBErrorType.Binder or DuckDBErrorType.Parser or DuckDBErrorType.Syntax
            or DuckDBErrorType.Catalog or DuckDBErrorType.Conversion or DuckDBErrorType.MismatchType
            or DuckDBErrorType.DivideByZero or DuckDBErrorType.Interrupt or DuckDBErrorType.NotImplemented;
    }
}
