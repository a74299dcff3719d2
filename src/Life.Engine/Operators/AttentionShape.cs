namespace Life.Engine.Operators;

/// <summary>
/// Widths of one attention core, in elements: per-head dims of the QK and PV products, elements of
/// keys and values read per cached token (shared by the heads of a group), and the query and output
/// widths per token.
/// </summary>
internal readonly record struct AttentionShape(
    double Heads,
    double QueryKeyDim,
    double ValueDim,
    double KeyWidth,
    double ValueWidth,
    double QueryWidth,
    double OutputWidth);
