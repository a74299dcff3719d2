namespace Life.Engine.Specs;

/// <summary>How far operators are fused; fusion removes intermediate writes, re-reads and dispatches.</summary>
public enum FusionLevel : byte
{
    /// <summary>Every operator is its own kernel; attention materializes the score matrix.</summary>
    Eager = 0,

    /// <summary>Attention (QKᵀ, softmax, PV) is one kernel with no score matrix in memory (FlashAttention).</summary>
    Flash = 1,

    /// <summary>Flash plus serving-engine fusions: fused QKV and gate/up GEMMs, add+norm, activation·mul, RoPE and cache write inside attention.</summary>
    Full = 2,
}
