using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Lens;

/// <summary>
/// What a bucket profile (or the smooth baseline) predicts for one request: TTFT, TPOT and end-to-end
/// time in milliseconds, with the compiled batch and prefill bucket it ran in (0 where not bucketed).
/// TPOT with one output token is the step that would follow (as in <see cref="Evaluator"/>), NaN when
/// that step would leave the largest decode bucket.
/// </summary>
public readonly struct LatencyPrediction
{
    public LatencyPrediction(double ttftMs, double tpotMs, double e2eMs, int compiledBatch = 0, int prefillBucket = 0)
    {
        TtftMs = ttftMs;
        TpotMs = tpotMs;
        E2eMs = e2eMs;
        CompiledBatch = compiledBatch;
        PrefillBucket = prefillBucket;
    }

    public double TtftMs { get; }

    public double TpotMs { get; }

    public double E2eMs { get; }

    /// <summary>The batch the device ran (padded up to), 0 when the profile does not distinguish batches.</summary>
    public int CompiledBatch { get; }

    /// <summary>The prefill bucket the input was padded to (0: not a bucketed prediction).</summary>
    public int PrefillBucket { get; }

    /// <summary>
    /// The engine's metrics for this prediction. A bucket profile knows times only: memory, KV cache and
    /// operation counts are NaN (unknown, not zero), <see cref="Metrics.Fits"/> is true because the device ran
    /// the bucket, cost and energy are NaN.
    /// </summary>
    public Metrics ToMetrics(in Workload workload) => ToMetrics(workload, new HardwareSpec());

    /// <summary>
    /// As <see cref="ToMetrics(in Workload)"/>, with cost and energy from the device's price and power. A
    /// profile has no roofline split, so the phases stand in for it (<see cref="BoardPower"/>): prefill
    /// counts as compute-bound (utilization 1), the rest of the request as memory-bound decode.
    /// </summary>
    public Metrics ToMetrics(in Workload workload, in HardwareSpec hardware)
    {
        double batch = workload.Batch;
        var e2eSeconds = E2eMs / 1e3;
        var totalTokens = batch * ((double)workload.InputTokens + workload.OutputTokens);
        var outputTokens = batch * workload.OutputTokens;
        var throughput = totalTokens / e2eSeconds;
        var hourlyCostUsd = hardware.HourlyCostUsd;
        var prefillSeconds = Math.Min(TtftMs / 1e3, e2eSeconds);
        var energy = BoardPower.EnergyJ(hardware, e2eSeconds, BoardPower.BusySeconds(prefillSeconds, e2eSeconds));
        return new Metrics
        {
            TtftMs = TtftMs,
            TpotMs = TpotMs,
            E2eMs = E2eMs,
            PerUserTps = 1e3 / TpotMs,
            ThroughputTps = throughput,
            OutputTps = outputTokens / e2eSeconds,
            PrefillTps = batch * workload.InputTokens / (TtftMs / 1e3),
            DecodeTps = batch / (TpotMs / 1e3),
            MemoryGB = double.NaN,
            Fits = true,
            PrefillOps = double.NaN,
            PrefillBytes = double.NaN,
            DecodeBytesPerToken = double.NaN,
            KvCacheGiB = double.NaN,
            CostPerMTok = hourlyCostUsd / (throughput * 3600) * 1e6,
            EnergyJPerToken = energy / totalTokens,
            CostPerMOutputTokens = hourlyCostUsd * e2eSeconds / 3600 / outputTokens * 1e6,
            EnergyJPerOutputToken = energy / outputTokens,
            MeanPowerW = energy / e2eSeconds,
            ComputeBoundShare = double.NaN,
        };
    }
}
