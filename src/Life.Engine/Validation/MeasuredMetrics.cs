using Life.Engine.Timing;

namespace Life.Engine.Validation;

/// <summary>Names of the measured metrics and their predicted counterparts.</summary>
public static class MeasuredMetrics
{
    private static readonly string[] Names = ["ttft_ms", "tpot_ms", "itl_ms", "e2e_ms", "prefill_tps", "decode_tps", "throughput_tps"];

    public static IReadOnlyList<string> All => Names;

    public static string Name(MeasuredMetric metric) => Names[(int)metric];

    public static bool TryParse(string name, out MeasuredMetric metric)
    {
        var index = Array.IndexOf(Names, name);
        metric = (MeasuredMetric)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The engine's value for <paramref name="metric"/>.</summary>
    public static double Predicted(in Metrics metrics, MeasuredMetric metric) => metric switch
    {
        MeasuredMetric.TtftMs => metrics.TtftMs,
        MeasuredMetric.TpotMs or MeasuredMetric.ItlMs => metrics.TpotMs,
        MeasuredMetric.E2eMs => metrics.E2eMs,
        MeasuredMetric.PrefillTps => metrics.PrefillTps,
        MeasuredMetric.DecodeTps => metrics.DecodeTps,
        _ => metrics.ThroughputTps,
    };
}
