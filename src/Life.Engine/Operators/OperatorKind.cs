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
}
