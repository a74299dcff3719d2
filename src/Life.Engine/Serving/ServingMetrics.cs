namespace Life.Engine.Serving;

/// <summary>
/// What a replica serving a request rate delivers: latency percentiles in ms, the mean batch, the
/// request and token rates. When <see cref="Saturated"/>, the rate exceeds what the replica can
/// sustain: latencies grow without bound and are +∞ (never NaN or negative).
/// </summary>
public readonly struct ServingMetrics
{
    public bool Saturated { get; init; }

    public double TtftP50Ms { get; init; }

    public double TtftP90Ms { get; init; }

    public double TtftP99Ms { get; init; }

    public double TpotP50Ms { get; init; }

    public double TpotP90Ms { get; init; }

    public double TpotP99Ms { get; init; }

    public double E2eP50Ms { get; init; }

    public double E2eP90Ms { get; init; }

    public double E2eP99Ms { get; init; }

    /// <summary>Mean sequences decoding per step.</summary>
    public double MeanBatch { get; init; }

    /// <summary>Mean time a request waits from arrival to its first scheduled step, in ms.</summary>
    public double MeanQueueMs { get; init; }

    /// <summary>Mean step time, in ms.</summary>
    public double StepMs { get; init; }

    /// <summary>Output tokens per second delivered.</summary>
    public double OutputTps { get; init; }

    /// <summary>Requests per second completing within the SLOs (all of the rate when none are given).</summary>
    public double GoodputRps { get; init; }
}
