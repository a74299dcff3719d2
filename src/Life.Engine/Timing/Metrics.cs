namespace Life.Engine.Timing;

/// <summary>
/// Everything one evaluation produces (life-model.md §6, interfaces.md). Times in milliseconds, rates in
/// tokens per second, memory in GB (10^9 bytes), the KV cache in GiB. Cost and energy are NaN when
/// the hardware has no price or power.
/// </summary>
public readonly struct Metrics
{
    public double TtftMs { get; init; }

    /// <summary>Mean time per output token over the decode steps.</summary>
    public double TpotMs { get; init; }

    /// <summary>TTFT + (output − 1) · TPOT.</summary>
    public double E2eMs { get; init; }

    /// <summary>1 / TPOT: tokens per second one user sees.</summary>
    public double PerUserTps { get; init; }

    /// <summary>batch · (input + output) / E2E: all tokens, prompt included.</summary>
    public double ThroughputTps { get; init; }

    /// <summary>batch · output / E2E: generated tokens only.</summary>
    public double OutputTps { get; init; }

    /// <summary>batch · input / TTFT.</summary>
    public double PrefillTps { get; init; }

    /// <summary>batch / TPOT.</summary>
    public double DecodeTps { get; init; }

    public double MemoryGB { get; init; }

    public bool Fits { get; init; }

    /// <summary>Operations of the whole prefill (all chunks, all sequences, setup work included).</summary>
    public double PrefillOps { get; init; }

    public double PrefillBytes { get; init; }

    /// <summary>Bytes moved by the first decode step, per generated token.</summary>
    public double DecodeBytesPerToken { get; init; }

    /// <summary>KV cache of the batch at the end of generation, in GiB.</summary>
    public double KvCacheGiB { get; init; }

    /// <summary>USD per million tokens, all of them (input + output), at the configuration's throughput.</summary>
    public double CostPerMTok { get; init; }

    /// <summary>Joules per token, all of them (input + output).</summary>
    public double EnergyJPerToken { get; init; }

    /// <summary>USD per million generated tokens (the prompt is not counted as output).</summary>
    public double CostPerMOutputTokens { get; init; }

    /// <summary>Joules per generated token.</summary>
    public double EnergyJPerOutputToken { get; init; }

    /// <summary>Mean board power over the request, all devices, in W (<see cref="BoardPower"/>); NaN without power.</summary>
    public double MeanPowerW { get; init; }

    /// <summary>Share of roofline time (dispatch excluded) spent in compute-bound operators.</summary>
    public double ComputeBoundShare { get; init; }

    /// <summary>Sequences of this workload the KV cache holds at once (paged blocks in the memory weights and activations leave); 0 when not one.</summary>
    public double MaxConcurrency { get; init; }

    /// <summary>Waves a static batch is served in: 1 when it fits at once, more when the batch exceeds <see cref="MaxConcurrency"/>.</summary>
    public int Waves { get; init; }

    /// <summary>Memory per device with the whole batch resident, in GB.</summary>
    public double MemoryPerDeviceGB { get; init; }
}
