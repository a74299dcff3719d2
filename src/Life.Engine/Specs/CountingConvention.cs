namespace Life.Engine.Specs;

/// <summary>
/// Whose bookkeeping the operator counts follow. LIFE's published numbers come from eager Hugging Face
/// execution and LIFE's own conventions; serving engines execute less work. Both are kept so the
/// paper reproduces exactly while forecasts follow what serving stacks run.
/// </summary>
public enum CountingConvention : byte
{
    /// <summary>
    /// What serving engines execute: the embedding gathers only the rows it needs, logits are computed
    /// for the last prompt position only, and flash/fused attention skips causally masked blocks.
    /// </summary>
    Serving = 0,

    /// <summary>
    /// LIFE's accounting (arXiv 2508.00904): the embedding table is charged in full, both as a weight and
    /// again by the embedding operator; logits are computed for every prompt position; attention is
    /// counted over the full n×n score matrix.
    /// </summary>
    Life = 1,
}
