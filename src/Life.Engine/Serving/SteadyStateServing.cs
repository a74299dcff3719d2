namespace Life.Engine.Serving;

/// <summary>
/// The fast serving model for sweeps: steady state of continuous batching under Poisson arrivals,
/// allocation-free. A running request shares each step with the N others decoding (Poisson
/// occupancy: 1 + N in the batch it sees) and pays a share of the prefills that join steps; by
/// Little's law N = λ·(output − 1)·t, where the step time t = D(1 + N) / (1 − λ·Δ(N)) with D the
/// decode step and Δ a request's prefill's extra time on top of it. The fixed point is found by
/// regula falsi on [0, capacity]; no fixed point below the capacity (max_num_seqs, or what the KV
/// cache holds), or a prefill share at or past 1, is saturation. TTFT: the residual of the step in
/// progress, its prefill steps, and an M/D/1 wait for the step budget (exponential tail for the
/// percentiles). With speculative decoding (<see cref="StepCost.Speculative"/>) a request needs
/// (O − 1)/E decode steps of E tokens each, and its TPOT is the step over E (the spread of the
/// accepted runs is not in the percentiles).
/// Length spread (<see cref="ServingWorkload.InputSpread"/>, <see cref="ServingWorkload.OutputSpread"/>):
/// a request holds the prefill budget for a time S ∝ its prompt length L, so E[S²] = E[S]²·E[L²]/E[L]²
/// and the Pollaczek–Khinchine mean wait λE[S²]/(2(1 − ρ)) is the M/D/1 one times E[L²]/E[L]²; the
/// request's own prefill at the q-th percentile is the prefill of the q-th percentile prompt (its
/// quantile summed with the wait's: an upper estimate of the sum's quantile, as the residual's already
/// is). The step's prefill share λ·Δ stays at the mean prompt (Δ is nearly linear in L; the quadratic
/// attention part of E[Δ(L)] is left out). Output spread: Little's law needs only E[O], so the batch
/// occupancy N = λ·E[O − 1]·t is unchanged; the context of a running sequence, averaged over time, is
/// length-biased (a sequence of O tokens is in the batch for O steps, having emitted O/2 on average),
/// E[I] + E[O²]/(2E[O]) = E[I] + E[O]·(E[O²]/E[O]²)/2.
/// </summary>
public static class SteadyStateServing
{
    private const int MaxIterations = 40;

    public static ServingMetrics Evaluate(in StepCost cost, in ServingWorkload workload, in SchedulerConfig scheduler, double maxConcurrency)
    {
        var capacity = Math.Min(scheduler.MaxNumSeqs, Math.Floor(maxConcurrency));
        var lambda = workload.Qps;
        var input = workload.InputTokens;
        var decodeSteps = (workload.OutputTokens - 1.0) / cost.TokensPerStep;
        var context = MeanContext(workload);
        if (capacity < 1 || !(lambda > 0))
        {
            return ServingSimulator.Unbounded();
        }

        // h(N) = λ·(O − 1)·t(N) − N: positive at 0; a root below the capacity is the operating point.
        double low = 0, high = capacity - 1;
        var hLow = Excess(cost, lambda, decodeSteps, context, input, scheduler.MaxNumBatchedTokens, low, out _);
        var hHigh = Excess(cost, lambda, decodeSteps, context, input, scheduler.MaxNumBatchedTokens, high, out var stepHigh);
        if (double.IsNaN(hLow) || hHigh > 0 || double.IsNaN(hHigh) || double.IsInfinity(stepHigh))
        {
            return ServingSimulator.Unbounded();
        }

        var others = 0.0;
        if (hLow > 0)
        {
            var side = 0;
            for (var i = 0; i < MaxIterations; i++)
            {
                others = ((low * hHigh) - (high * hLow)) / (hHigh - hLow);
                var h = Excess(cost, lambda, decodeSteps, context, input, scheduler.MaxNumBatchedTokens, others, out _);
                if (Math.Abs(h) < 1e-6 * (1 + others) || high - low < 1e-9)
                {
                    break;
                }

                // Illinois: halve the stale end so the bracket shrinks from both sides.
                if (h > 0)
                {
                    low = others;
                    hLow = h;
                    hHigh = side == 1 ? hHigh / 2 : hHigh;
                    side = 1;
                }
                else
                {
                    high = others;
                    hHigh = h;
                    hLow = side == -1 ? hLow / 2 : hLow;
                    side = -1;
                }
            }
        }

        return AtOperatingPoint(cost, workload, scheduler, others);
    }

    /// <summary>Time-averaged context of a running sequence: E[I] + E[O²]/(2E[O]) (length-biased, see the type's comment).</summary>
    private static double MeanContext(in ServingWorkload workload) =>
        workload.InputTokens + (workload.OutputTokens * workload.OutputSpread.SecondMomentRatio / 2.0);

    /// <summary>A request's prefill of <paramref name="input"/> tokens: its chunk steps (the others decoding in them) plus its extra.</summary>
    private static double PrefillSeconds(in StepCost cost, double context, int input, int budget, double others, double othersDecode)
    {
        var extra = PrefillExtraSeconds(cost, context, input, budget, others, out var chunks, out _);
        return (chunks * othersDecode) + extra;
    }

    /// <summary>The prefill of the prompt at a percentile of the input spread; the mean's without spread.</summary>
    private static double PrefillAt(double tokens, in StepCost cost, double context, in ServingWorkload workload, int budget, double others, double othersDecode, double meanPrefill) =>
        workload.InputSpread.HasSpread
            ? PrefillSeconds(cost, context, (int)Math.Clamp(Math.Round(tokens), 1, LengthDistribution.MaxTokens), budget, others, othersDecode)
            : meanPrefill;

    /// <summary>λ·(O − 1)·t − N for N others decoding; NaN when prefills alone fill the steps.</summary>
    private static double Excess(in StepCost cost, double lambda, double decodeSteps, double context, int input, int budget, double others, out double step)
    {
        step = StepSeconds(cost, lambda, context, input, budget, others, out _, out _, out _, out _);
        return double.IsInfinity(step) ? double.NaN : (lambda * decodeSteps * step) - others;
    }

    /// <summary>Step time a running request sees with <paramref name="others"/> others decoding; +∞ past saturation.</summary>
    private static double StepSeconds(in StepCost cost, double lambda, double context, int input, int budget, double others, out double decode, out double prefillExtra, out int chunks, out double othersDecode)
    {
        var batch = 1 + others;
        decode = cost.Seconds(batch, context, 0, 0, 0);
        prefillExtra = PrefillExtraSeconds(cost, context, input, budget, others, out chunks, out othersDecode);
        var share = lambda * prefillExtra;
        return share >= 1 ? double.PositiveInfinity : decode / (1 - share);
    }

    /// <summary>
    /// Extra time a request's prefill adds to the steps it rides in, chunked by the token budget left
    /// after the decodes: its full chunks (attention growing with the past, so the first and last
    /// full chunk's extras are averaged) and the remainder.
    /// </summary>
    private static double PrefillExtraSeconds(in StepCost cost, double context, int input, int budget, double others, out int chunks, out double plain)
    {
        var room = Math.Max(1, budget - Math.Ceiling(others * cost.BudgetTokensPerDecode));
        var chunk = Math.Min(input, room);
        var full = (int)Math.Floor(input / chunk);
        var remainder = input - (full * chunk);
        chunks = full + (remainder > 0 ? 1 : 0);
        plain = cost.Seconds(others, context, 0, 0, 0);
        var first = cost.Seconds(others, context, 1, chunk, 0) - plain;
        var lastFull = full > 1 ? cost.Seconds(others, context, 1, chunk, (full - 1) * chunk) - plain : first;
        var extra = (first + lastFull) / 2 * full;
        if (remainder > 0)
        {
            extra += cost.Seconds(others, context, 1, remainder, full * chunk) - plain;
        }

        return extra;
    }

    private static ServingMetrics AtOperatingPoint(in StepCost cost, in ServingWorkload workload, in SchedulerConfig scheduler, double others)
    {
        var lambda = workload.Qps;
        var input = workload.InputTokens;
        var context = MeanContext(workload);
        // othersDecode: the steps during this request's prefill, in which the others decode (not yet this one).
        var step = StepSeconds(cost, lambda, context, input, scheduler.MaxNumBatchedTokens, others, out _, out var prefillExtra, out var chunks, out var othersDecode);
        var prefill = (chunks * othersDecode) + prefillExtra;

        // The engine is busy when anyone is in it (Poisson occupancy): an arrival then waits for the
        // step in progress, uniformly through it.
        var busy = 1 - Math.Exp(-(others + (lambda * prefill)));

        // An arrival lands in a step with a prefill more often than steps are counted (length bias):
        // such steps take this share of the time and last a decode step plus one chunk's extra.
        // A step's chunk is a full budget's worth of tokens (the last may be shorter): weigh the extra
        // per token, not per chunk, or a short remainder chunk would make every prefill step look cheap
        // and TTFT fall as the load (and so the chunk count) rises.
        var fullChunk = Math.Min(input, Math.Max(1, scheduler.MaxNumBatchedTokens - Math.Ceiling(others * cost.BudgetTokensPerDecode)));
        var chunkExtra = prefillExtra * fullChunk / input;
        var chunkEquivalents = input / fullChunk;
        var prefillStep = othersDecode + chunkExtra;
        var prefillShare = Math.Min(1, lambda * prefill);
        var residual = new StepMix(busy, othersDecode > 0 ? othersDecode : prefillStep, prefillStep, prefillShare);

        // Queue for the token budget: prefill tokens arrive at λ·input per second, the budget left after
        // decodes serves (budget − N) per step.
        var room = Math.Max(1, scheduler.MaxNumBatchedTokens - (others * cost.BudgetTokensPerDecode));
        // Each request holds the budget for input/room of a step that carries prefill.
        var service = input / room * prefillStep;
        var rho = lambda * service;
        if (rho >= 1)
        {
            return ServingSimulator.Unbounded();
        }

        // Pollaczek–Khinchine: E[S²]/E[S]² = E[L²]/E[L]² (1 for fixed prompts: M/D/1).
        var meanWait = rho * service * workload.InputSpread.SecondMomentRatio / (2 * (1 - rho));
        var budget = scheduler.MaxNumBatchedTokens;
        var prefill50 = PrefillAt(workload.InputSpread.P50Tokens, cost, context, workload, budget, others, othersDecode, prefill);
        var prefill90 = PrefillAt(workload.InputSpread.P90Tokens, cost, context, workload, budget, others, othersDecode, prefill);
        var prefill99 = PrefillAt(workload.InputSpread.P99Tokens, cost, context, workload, budget, others, othersDecode, prefill);
        var decodeSteps = (workload.OutputTokens - 1.0) / cost.TokensPerStep;
        return new ServingMetrics
        {
            Saturated = false,
            TtftP50Ms = Ttft(0.50, residual, prefill50, meanWait, rho) * 1e3,
            TtftP90Ms = Ttft(0.90, residual, prefill90, meanWait, rho) * 1e3,
            TtftP99Ms = Ttft(0.99, residual, prefill99, meanWait, rho) * 1e3,
            TpotP50Ms = step / cost.TokensPerStep * 1e3,
            TpotP90Ms = Tpot(1.2816, step, lambda, workload.OutputTokens, decodeSteps, chunkEquivalents, chunkExtra) * 1e3,
            TpotP99Ms = Tpot(2.3263, step, lambda, workload.OutputTokens, decodeSteps, chunkEquivalents, chunkExtra) * 1e3,
            E2eP50Ms = (Ttft(0.50, residual, prefill50, meanWait, rho) + ((workload.OutputTokens - 1) * Tpot(0, step, lambda, workload.OutputTokens, decodeSteps, chunkEquivalents, chunkExtra))) * 1e3,
            E2eP90Ms = (Ttft(0.90, residual, prefill90, meanWait, rho) + ((workload.OutputTokens - 1) * Tpot(1.2816, step, lambda, workload.OutputTokens, decodeSteps, chunkEquivalents, chunkExtra))) * 1e3,
            E2eP99Ms = (Ttft(0.99, residual, prefill99, meanWait, rho) + ((workload.OutputTokens - 1) * Tpot(2.3263, step, lambda, workload.OutputTokens, decodeSteps, chunkEquivalents, chunkExtra))) * 1e3,
            MeanBatch = lambda * decodeSteps * step,
            MeanQueueMs = ((busy * step / 2) + meanWait) * 1e3,
            StepMs = step * 1e3,
            OutputTps = lambda * workload.OutputTokens,
            GoodputRps = lambda,
        };
    }

    /// <summary>
    /// A request's TPOT is its S decode steps over its O − 1 tokens (S = O − 1 without speculation);
    /// the prefill chunks that land in them are a Poisson count K (mean λ·S·t·chunks), each adding
    /// one chunk's extra, so its spread over requests is √E[K] chunk extras over O − 1 tokens
    /// (normal quantile z).
    /// </summary>
    private static double Tpot(double z, double step, double lambda, int output, double decodeSteps, double chunks, double chunkExtra)
    {
        if (output <= 1)
        {
            return step;
        }

        var expected = lambda * decodeSteps * step * chunks;
        return ((decodeSteps * step) + (z * Math.Sqrt(expected) * chunkExtra)) / (output - 1);
    }

    private static double Ttft(double q, in StepMix mix, double prefill, double meanWait, double rho)
    {
        var residual = mix.ResidualQuantile(q);
        return residual + prefill + WaitQuantile(q, meanWait, rho);
    }

    /// <summary>
    /// The q-quantile of an M/G/1-like queueing wait with mean <paramref name="meanWait"/> at load ρ: no
    /// wait with probability 1 − ρ, else exponential with mean W/ρ.
    /// </summary>
    internal static double WaitQuantile(double q, double meanWait, double rho) =>
        rho > 1 - q && rho > 0 ? meanWait / rho * Math.Log(rho / (1 - q)) : 0;
}
