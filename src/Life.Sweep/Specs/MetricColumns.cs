using System.Runtime.CompilerServices;
using Life.Engine.Timing;

namespace Life.Sweep.Specs;

/// <summary>Names of the metric columns and access to them on a <see cref="Metrics"/>.</summary>
public static class MetricColumns
{
    private static readonly string[] Names =
        [
            "ttft_ms", "tpot_ms", "e2e_ms", "per_user_tps", "throughput_tps", "memory_gb", "cost_per_mtok", "energy_j_per_token",
            "output_tps", "cost_per_m_output_tokens", "energy_j_per_output_token",
            "max_concurrency", "p50_ttft_ms", "p99_ttft_ms", "p50_tpot_ms", "p99_tpot_ms", "max_qps_at_slo",
            "devices", "cost_per_hour",
        ];

    public const int Count = 19;

    public static IReadOnlyList<string> All => Names;

    public static string Name(MetricColumn column) => Names[(int)column];

    public static bool TryParse(string name, out MetricColumn column)
    {
        var index = Array.IndexOf(Names, name);
        column = (MetricColumn)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>True for columns that are null when the hardware has no price or power, or a row no serving figure.</summary>
    public static bool IsNullable(MetricColumn column) =>
        column is MetricColumn.CostPerMTok or MetricColumn.EnergyJPerToken or MetricColumn.CostPerMOutputTokens or MetricColumn.EnergyJPerOutputToken or (>= MetricColumn.P50TtftMs and not MetricColumn.Devices);

    /// <summary>True for the columns only serving sweeps have (a qps dimension or an slo; devices and cost_per_hour with a disaggregation dimension: docs/serving.md).</summary>
    public static bool IsServing(MetricColumn column) => column >= MetricColumn.MaxConcurrency;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Read(in Metrics metrics, MetricColumn column) => Read(metrics, ServingValues.None, column);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Read(in Metrics metrics, in ServingValues serving, MetricColumn column) => column switch
    {
        MetricColumn.TtftMs => metrics.TtftMs,
        MetricColumn.TpotMs => metrics.TpotMs,
        MetricColumn.E2eMs => metrics.E2eMs,
        MetricColumn.PerUserTps => metrics.PerUserTps,
        MetricColumn.ThroughputTps => metrics.ThroughputTps,
        MetricColumn.MemoryGB => metrics.MemoryGB,
        MetricColumn.CostPerMTok => metrics.CostPerMTok,
        MetricColumn.EnergyJPerToken => metrics.EnergyJPerToken,
        MetricColumn.OutputTps => metrics.OutputTps,
        MetricColumn.CostPerMOutputTokens => metrics.CostPerMOutputTokens,
        MetricColumn.EnergyJPerOutputToken => metrics.EnergyJPerOutputToken,
        MetricColumn.MaxConcurrency => metrics.MaxConcurrency,
        MetricColumn.P50TtftMs => serving.P50TtftMs,
        MetricColumn.P99TtftMs => serving.P99TtftMs,
        MetricColumn.P50TpotMs => serving.P50TpotMs,
        MetricColumn.P99TpotMs => serving.P99TpotMs,
        MetricColumn.MaxQpsAtSlo => serving.MaxQpsAtSlo,
        MetricColumn.Devices => serving.Devices,
        _ => serving.CostPerHour,
    };
}
