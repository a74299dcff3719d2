namespace Life.Engine.Serving;

/// <summary>
/// A vLLM-like continuous-batching scheduler: at most <see cref="MaxNumSeqs"/> sequences running,
/// at most <see cref="MaxNumBatchedTokens"/> tokens per step (decodes first, one token each, then
/// prefill chunks of waiting or partly prefilled requests, first come first served).
/// </summary>
public readonly struct SchedulerConfig
{
    public SchedulerConfig(int maxNumSeqs, int maxNumBatchedTokens)
    {
        MaxNumSeqs = maxNumSeqs;
        MaxNumBatchedTokens = maxNumBatchedTokens;
    }

    /// <summary>vLLM's defaults: 256 sequences, 2048 batched tokens with chunked prefill.</summary>
    public static SchedulerConfig Default => new(256, 2048);

    public int MaxNumSeqs { get; init; }

    public int MaxNumBatchedTokens { get; init; }

    public void Validate()
    {
        if (MaxNumSeqs < 1)
        {
            throw new EngineInputException($"max_num_seqs = {MaxNumSeqs} must be at least 1");
        }

        if (MaxNumBatchedTokens < 2)
        {
            throw new EngineInputException($"max_num_batched_tokens = {MaxNumBatchedTokens} must be at least 2");
        }
    }
}
