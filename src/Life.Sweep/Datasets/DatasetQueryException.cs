using Life.Engine;

namespace Life.Sweep.Datasets;

/// <summary>A statement over a dataset that DuckDB rejected (an unknown column, a syntax or type error), with DuckDB's message on one line.</summary>
public sealed class DatasetQueryException : EngineInputException
{
    public DatasetQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatasetQueryException()
    {
    }

    public DatasetQueryException(string message)
        : base(message)
    {
    }
}
