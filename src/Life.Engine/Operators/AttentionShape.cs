namespace Life.Engine.Operators;

/// <summary>
/// Widths of one attention core, in elements: per-head dims of the QK and PV products, elements of
/// keys and values read per cached token (shared by the heads of a group), and the query and output
/// widths per token. <paramref name="FromActivations"/>: the keys and values are 16-bit activations
/// (MLA's prefill decompresses them from the latent cache), not cache entries at the KV precision.
/// </summary>
internal readonly record struct AttentionShape(
    double Heads,
    double QueryKeyDim,
    double ValueDim,
    double KeyWidth,
    double ValueWidth,
    double QueryWidth,
    double OutputWidth,
    bool FromActivations = false);
