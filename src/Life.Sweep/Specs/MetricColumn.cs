namespace Life.Sweep.Specs;

/// <summary>The metric columns of a result row (interfaces.md), in column order.</summary>
public enum MetricColumn : byte
{
    TtftMs = 0,
    TpotMs = 1,
    E2eMs = 2,
    PerUserTps = 3,
    ThroughputTps = 4,
    MemoryGB = 5,
    CostPerMTok = 6,
    EnergyJPerToken = 7,

    /// <summary>Sequences the KV cache holds at once; a column of serving sweeps (a qps dimension or an slo).</summary>
    MaxConcurrency = 8,

    /// <summary>Steady-state serving percentiles at the row's qps (docs/serving.md); null without one.</summary>
    P50TtftMs = 9,
    P99TtftMs = 10,
    P50TpotMs = 11,
    P99TpotMs = 12,

    /// <summary>Highest request rate a replica serves within the spec's slo; null without one.</summary>
    MaxQpsAtSlo = 13,
}
