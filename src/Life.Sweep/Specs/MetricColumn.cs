namespace Life.Sweep.Specs;

/// <summary>
/// The metric columns of a result row (interfaces.md). Values index the batch's metric arrays; the
/// column order is <see cref="Results.ResultSchema"/>'s. Cost, energy and throughput come twice: per
/// token of the whole request (prompt included) and per generated token (<c>_output</c>).
/// </summary>
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
    OutputTps = 8,
    CostPerMOutputTokens = 9,
    EnergyJPerOutputToken = 10,

    /// <summary>Sequences the KV cache holds at once; a column of serving sweeps (a qps dimension or an slo).</summary>
    MaxConcurrency = 11,

    /// <summary>Steady-state serving percentiles at the row's qps (docs/serving.md); null without one.</summary>
    P50TtftMs = 12,
    P99TtftMs = 13,
    P50TpotMs = 14,
    P99TpotMs = 15,

    /// <summary>Highest request rate a replica serves within the spec's slo; null without one.</summary>
    MaxQpsAtSlo = 16,

    /// <summary>Devices a row's replica (or xPyD deployment, both pools) takes; a column of sweeps with a disaggregation dimension.</summary>
    Devices = 17,

    /// <summary>Rental per hour of those devices, each pool at its hardware's price; null without a price.</summary>
    CostPerHour = 18,
}
