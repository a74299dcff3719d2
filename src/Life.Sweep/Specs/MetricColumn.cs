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
}
