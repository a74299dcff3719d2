namespace Life.Engine;

/// <summary>
/// Bad input to the engine (an impossible size, an unknown name, a malformed config). Hosts turn it
/// into a one-line message and exit code 2; the message names the field and the value at fault.
/// </summary>
public class EngineInputException : Exception
{
    public EngineInputException(string message)
        : base(message)
    {
    }

    public EngineInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EngineInputException()
    {
    }
}
