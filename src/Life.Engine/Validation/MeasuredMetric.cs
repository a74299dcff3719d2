namespace Life.Engine.Validation;

/// <summary>The metrics a measurements CSV may give (interfaces.md).</summary>
public enum MeasuredMetric : byte
{
    TtftMs = 0,
    TpotMs = 1,
    ItlMs = 2,
    E2eMs = 3,

    /// <summary>batch · input / TTFT.</summary>
    PrefillTps = 4,

    /// <summary>batch / TPOT.</summary>
    DecodeTps = 5,

    /// <summary>batch · (input + output) / end-to-end time.</summary>
    ThroughputTps = 6,
}
