using Life.Engine;

namespace Life.Sweep.Checkpoints;

/// <summary>The output directory or store already holds a different sweep: bad input, nothing is touched.</summary>
public sealed class SweepMismatchException : EngineInputException
{
    public SweepMismatchException(string message)
        : base(message)
    {
    }
}
