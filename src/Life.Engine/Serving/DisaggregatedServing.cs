using Life.Engine.Parallel;

namespace Life.Engine.Serving;

/// <summary>
/// Steady state of disaggregated serving (xPyD, <see cref="DisaggregatedPools"/>), allocation-free.
/// A prefill replica serves its share of the arrivals one prompt at a time (chunked by the step
/// budget, no decodes in its steps): an M/D/1 queue of service S, whose wait has mean ρS/(2(1 − ρ))
/// and an exponential tail (as <see cref="SteadyStateServing"/> takes it). TTFT = wait + S + the KV
/// transfer. A decode replica runs only decode steps: by Little's law N = λ_d·(O − 1)/E·t with
/// t = D(1 + N), found by bisection below its capacity (max_num_seqs, or what its KV cache holds);
/// TPOT = t/E at every percentile (no prefill rides its steps; the spread of the batch size and of
/// accepted runs is left out). Saturation of either pool: latencies +∞, the flag set.
/// </summary>
public static class DisaggregatedServing
{
    private const int Bisections = 50;

    public static ServingMetrics Evaluate(in DisaggregatedPools pools, double qps)
    {
        if (!(qps > 0) || pools.PrefillReplicas < 1 || pools.DecodeReplicas < 1)
        {
            return ServingSimulator.Unbounded();
        }

        var service = PrefillSeconds(pools.Prefill, pools.InputTokens, pools.Scheduler.MaxNumBatchedTokens);
        var rho = qps / pools.PrefillReplicas * service;
        var capacity = Math.Min(pools.Scheduler.MaxNumSeqs, Math.Floor(pools.DecodeMaxConcurrency));
        if (rho >= 1 || capacity < 1)
        {
            return ServingSimulator.Unbounded();
        }

        var lambda = qps / pools.DecodeReplicas;
        var steps = (pools.OutputTokens - 1.0) / pools.Decode.TokensPerStep;
        var context = pools.InputTokens + (pools.OutputTokens / 2.0);
        double low = 0, high = capacity - 1;
        if (Excess(pools.Decode, lambda, steps, context, high) > 0)
        {
            return ServingSimulator.Unbounded();
        }

        for (var i = 0; i < Bisections && high - low > 1e-9 * (1 + high); i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Excess(pools.Decode, lambda, steps, context, mid) > 0 ? (mid, high) : (low, mid);
        }

        var others = (low + high) / 2;
        var step = pools.Decode.Seconds(1 + others, context, 0, 0, 0);
        var tpot = pools.OutputTokens > 1 ? step / pools.Decode.TokensPerStep : 0;
        var meanWait = rho * service / (2 * (1 - rho));
        var ttft50 = Ttft(0.50, service, meanWait, rho, pools.TransferSeconds);
        var ttft90 = Ttft(0.90, service, meanWait, rho, pools.TransferSeconds);
        var ttft99 = Ttft(0.99, service, meanWait, rho, pools.TransferSeconds);
        var decode = (pools.OutputTokens - 1) * tpot;
        return new ServingMetrics
        {
            Saturated = false,
            TtftP50Ms = ttft50 * 1e3,
            TtftP90Ms = ttft90 * 1e3,
            TtftP99Ms = ttft99 * 1e3,
            TpotP50Ms = tpot * 1e3,
            TpotP90Ms = tpot * 1e3,
            TpotP99Ms = tpot * 1e3,
            E2eP50Ms = (ttft50 + decode) * 1e3,
            E2eP90Ms = (ttft90 + decode) * 1e3,
            E2eP99Ms = (ttft99 + decode) * 1e3,
            MeanBatch = lambda * steps * step,
            MeanQueueMs = meanWait * 1e3,
            StepMs = step * 1e3,
            OutputTps = qps * pools.OutputTokens,
            GoodputRps = qps,
        };
    }

    /// <summary>A prompt alone on a prefill replica: its chunks of at most the step budget, each after the ones before.</summary>
    public static double PrefillSeconds(in StepCost prefill, int input, int budget)
    {
        double seconds = 0;
        for (var past = 0; past < input; past += budget)
        {
            seconds += prefill.Seconds(0, 0, 1, Math.Min(budget, input - past), past);
        }

        return seconds;
    }

    /// <summary>
    /// A request's KV cache crossing from a prefill replica to a decode replica: each of the tp × pp
    /// devices sends its shard at once, over the slower of the two sides' inter-node links.
    /// </summary>
    public static double TransferSeconds(double kvBytesPerDevice, in Life.Engine.Specs.HardwareSpec prefill, in Life.Engine.Specs.HardwareSpec decode)
    {
        var a = Link.InterNode(prefill);
        var b = Link.InterNode(decode);
        return KvTransfer.Seconds(kvBytesPerDevice, new Link(Math.Min(a.BytesPerSecond, b.BytesPerSecond), Math.Max(a.LatencySeconds, b.LatencySeconds)));
    }

    /// <summary>λ_d·steps·D(1 + N) − N: positive while more requests would be decoding than N.</summary>
    private static double Excess(in StepCost decode, double lambda, double steps, double context, double others) =>
        (lambda * steps * decode.Seconds(1 + others, context, 0, 0, 0)) - others;

    private static double Ttft(double q, double service, double meanWait, double rho, double transfer)
    {
        return SteadyStateServing.WaitQuantile(q, meanWait, rho) + service + transfer;
    }
}
