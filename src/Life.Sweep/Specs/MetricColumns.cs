using System.Runtime.CompilerServices;
using Life.Engine.Timing;

namespace Life.Sweep.Specs;

/// <summary>Names of the metric columns and access to them on a <see cref="Metrics"/>.</summary>
public static class MetricColumns
{
    private static readonly string[] Names =
        ["ttft_ms", "tpot_ms", "e2e_ms", "per_user_tps", "throughput_tps", "memory_gb", "cost_per_mtok", "energy_j_per_token",
            "output_tps", "cost_per_m_output_tokens", "energy_j_per_output_token"];

    public const int Count = 11;

    public static IReadOnlyList<string> All => Names;

    public static string Name(MetricColumn column) => Names[(int)column];

    public static bool TryParse(string name, out MetricColumn column)
    {
        var index = Array.IndexOf(Names, name);
        column = (MetricColumn)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>True for columns that are null when the hardware has no price or power.</summary>
    public static bool IsNullable(MetricColumn column) =>
        column is MetricColumn.CostPerMTok or MetricColumn.EnergyJPerToken or MetricColumn.CostPerMOutputTokens or MetricColumn.EnergyJPerOutputToken;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Read(in Metrics metrics, MetricColumn column) => column switch
    {
        MetricColumn.TtftMs => metrics.TtftMs,
        MetricColumn.TpotMs => metrics.TpotMs,
        MetricColumn.E2eMs => metrics.E2eMs,
        MetricColumn.PerUserTps => metrics.PerUserTps,
        MetricColumn.ThroughputTps => metrics.ThroughputTps,
        MetricColumn.MemoryGB => metrics.MemoryGB,
        MetricColumn.CostPerMTok => metrics.CostPerMTok,
        MetricColumn.OutputTps => metrics.OutputTps,
        MetricColumn.CostPerMOutputTokens => metrics.CostPerMOutputTokens,
        MetricColumn.EnergyJPerOutputToken => metrics.EnergyJPerOutputToken,
        _ => metrics.EnergyJPerToken,
    };
}
