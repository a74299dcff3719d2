namespace Life.Engine.Specs;

/// <summary>What is asked of the model: <see cref="Batch"/> sequences of <see cref="InputTokens"/> in, <see cref="OutputTokens"/> out.</summary>
public readonly struct Workload
{
    public Workload(int batch, int inputTokens, int outputTokens)
    {
        Batch = batch;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
    }

    public int Batch { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>Positions one sequence occupies by its end: its prompt plus everything generated.</summary>
    public long ContextTokens => (long)InputTokens + OutputTokens;

    public void Validate()
    {
        if (Batch < 1)
        {
            throw new EngineInputException($"batch = {Batch} must be at least 1");
        }

        if (InputTokens < 1)
        {
            throw new EngineInputException($"input tokens = {InputTokens} must be at least 1");
        }

        if (OutputTokens < 1)
        {
            throw new EngineInputException($"output tokens = {OutputTokens} must be at least 1");
        }
    }
}
