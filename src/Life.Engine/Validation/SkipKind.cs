namespace Life.Engine.Validation;

/// <summary>Why a measurement was not forecast: counted apart in the summary.</summary>
public enum SkipKind : byte
{
    /// <summary>Something the forecast needs is missing or unknown (a token count, the device, the model).</summary>
    Unpredictable = 0,

    /// <summary>The row's parallel layout cannot run the model (heads or KV heads not divisible by tp, experts by ep, fewer layers than pp).</summary>
    InvalidLayout = 1,
}
