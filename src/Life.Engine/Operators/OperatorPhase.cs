namespace Life.Engine.Operators;

/// <summary>
/// Which steps run an operator. Most run in every step; some layers run a different algorithm when a
/// step prefills a prompt (many new tokens per sequence) than when it decodes one token: MLA is
/// prefilled non-absorbed and decoded absorbed, linear attention is prefilled chunk-wise and decoded
/// as a recurrence.
/// </summary>
public enum OperatorPhase : byte
{
    /// <summary>Prefill and decode steps alike.</summary>
    Every = 0,

    /// <summary>Only prompt (prefill or prefill-chunk) steps.</summary>
    Prefill = 1,

    /// <summary>Only decode steps (one new token per sequence, or a speculative verification).</summary>
    Decode = 2,
}
