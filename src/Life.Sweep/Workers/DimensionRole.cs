namespace Life.Sweep.Workers;

/// <summary>What a dimension's value sets, resolved once so the hot loop switches on a byte, not a string.</summary>
internal enum DimensionRole : byte
{
    Hardware,
    Model,
    WeightBits,
    ActBits,
    ActFormat,
    KvBits,
    QuantGroup,
    LoraRank,
    LoraMode,
    Chunk,
    Fusion,
    KvCache,
    Counting,
    Tp,
    Pp,
    Ep,
    SpecK,
    SpecAlpha,
    DraftCost,
    Disaggregation,
    Batch,
    InputTokens,
    OutputTokens,
    InputDist,
    OutputDist,
    Qps,
}
