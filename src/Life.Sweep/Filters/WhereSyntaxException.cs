using Life.Engine;

namespace Life.Sweep.Filters;

/// <summary>
/// A <c>--where</c> expression that does not parse, or names a column or compares a value in a
/// way the dataset cannot satisfy. Bad input: hosts print the message on one line, exit code 2.
/// </summary>
public sealed class WhereSyntaxException : EngineInputException
{
    public WhereSyntaxException(string message)
        : base(message)
    {
    }

    public WhereSyntaxException()
    {
    }

    public WhereSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
