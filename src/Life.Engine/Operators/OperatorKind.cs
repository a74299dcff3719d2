namespace Life.Engine.Operators;

/// <summary>The operator families of LIFE's Tables 1 and 2 that the engine emits.</summary>
public enum OperatorKind : byte
{
    Embedding = 0,
    Norm = 1,
    Linear = 2,
    Rope = 3,
    KvCacheUpdate = 4,
    AttentionScores = 5,
    Softmax = 6,
    AttentionValues = 7,
    FusedAttention = 8,
    Elementwise = 9,
    Activation = 10,
    MoeExperts = 11,
    LoraAdapter = 12,
    LoraMerge = 13,
    LmHead = 14,

    /// <summary>Causal depthwise short convolution of linear-attention and Mamba layers.</summary>
    ShortConvolution = 15,

    /// <summary>Gated delta rule (Gated DeltaNet linear attention), chunked in prefill, recurrent in decode.</summary>
    LinearAttention = 16,

    /// <summary>Mamba selective scan / Mamba-2 state-space duality.</summary>
    StateSpaceScan = 17,
}
