namespace Life.Engine.Serving;

/// <summary>
/// An xPyD deployment (<see cref="DisaggregatedServing"/>): <see cref="PrefillReplicas"/> replicas
/// that only prefill, <see cref="DecodeReplicas"/> that only decode (possibly other hardware), and
/// the time one request's KV cache takes over the link between them. Requests are spread evenly,
/// so each pool's replicas see the rate over their count.
/// </summary>
public readonly struct DisaggregatedPools : IServingModel
{
    public DisaggregatedPools(int prefillReplicas, in StepCost prefill, int decodeReplicas, in StepCost decode, double decodeMaxConcurrency, double transferSeconds, int inputTokens, int outputTokens, in SchedulerConfig scheduler)
    {
        PrefillReplicas = prefillReplicas;
        Prefill = prefill;
        DecodeReplicas = decodeReplicas;
        Decode = decode;
        DecodeMaxConcurrency = decodeMaxConcurrency;
        TransferSeconds = transferSeconds;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        Scheduler = scheduler;
    }

    public int PrefillReplicas { get; }

    public StepCost Prefill { get; }

    public int DecodeReplicas { get; }

    public StepCost Decode { get; }

    /// <summary>Sequences one decode replica's KV cache holds.</summary>
    public double DecodeMaxConcurrency { get; }

    /// <summary>One request's KV cache from a prefill to a decode replica.</summary>
    public double TransferSeconds { get; }

    public int InputTokens { get; }

    public int OutputTokens { get; }

    public SchedulerConfig Scheduler { get; }

    public ServingMetrics At(double qps) => DisaggregatedServing.Evaluate(this, qps);
}
