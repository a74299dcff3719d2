using Life.Sweep.Specs;

namespace Life.Sweep.Workers;

internal static class DimensionRoles
{
    public static DimensionRole Of(string key) => key switch
    {
        DimensionKeys.Hardware => DimensionRole.Hardware,
        DimensionKeys.Model => DimensionRole.Model,
        DimensionKeys.WeightBits => DimensionRole.WeightBits,
        DimensionKeys.ActBits => DimensionRole.ActBits,
        DimensionKeys.ActFormat => DimensionRole.ActFormat,
        DimensionKeys.KvBits => DimensionRole.KvBits,
        DimensionKeys.QuantGroup => DimensionRole.QuantGroup,
        DimensionKeys.LoraRank => DimensionRole.LoraRank,
        DimensionKeys.LoraMode => DimensionRole.LoraMode,
        DimensionKeys.Chunk => DimensionRole.Chunk,
        DimensionKeys.Fusion => DimensionRole.Fusion,
        DimensionKeys.KvCache => DimensionRole.KvCache,
        DimensionKeys.Counting => DimensionRole.Counting,
        DimensionKeys.Tp => DimensionRole.Tp,
        DimensionKeys.Pp => DimensionRole.Pp,
        DimensionKeys.Ep => DimensionRole.Ep,
        DimensionKeys.SpecK => DimensionRole.SpecK,
        DimensionKeys.SpecAlpha => DimensionRole.SpecAlpha,
        DimensionKeys.DraftCost => DimensionRole.DraftCost,
        DimensionKeys.Disaggregation => DimensionRole.Disaggregation,
        DimensionKeys.Batch => DimensionRole.Batch,
        DimensionKeys.InputTokens => DimensionRole.InputTokens,
        DimensionKeys.OutputTokens => DimensionRole.OutputTokens,
        DimensionKeys.InputDist => DimensionRole.InputDist,
        DimensionKeys.OutputDist => DimensionRole.OutputDist,
        DimensionKeys.Qps => DimensionRole.Qps,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown dimension"),
    };
}
