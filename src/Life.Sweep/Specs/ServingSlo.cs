namespace Life.Sweep.Specs;

/// <summary>
/// The spec's <c>slo:</c> (P99 TTFT and TPOT limits in ms, +∞ when not given): it adds the
/// <c>max_qps_at_slo</c> column, the highest rate per replica that meets both.
/// </summary>
public sealed record ServingSlo(double TtftP99Ms, double TpotP99Ms);
