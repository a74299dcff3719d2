namespace Life.Engine.Serving;

/// <summary>
/// Plays Poisson arrivals through a vLLM-like continuous-batching scheduler (<see cref="SchedulerConfig"/>),
/// one engine step at a time, each step timed by <see cref="StepCost"/>: running sequences decode one
/// token each, then prefill chunks fill the step's token budget (partly prefilled requests first,
/// then waiting ones, first come first served), admitting a request only while fewer than
/// max_num_seqs run and the KV cache holds its whole context. The reference the steady-state model
/// (<see cref="SteadyStateServing"/>) is held against; allocates its arrays once per run. With
/// speculative decoding (<see cref="StepCost.Speculative"/>) a decoding sequence takes k + 1 tokens
/// of the budget and gains its accepted run plus one, each proposal accepted with probability α
/// until the first rejection (drawn from its own seeded stream, so arrivals do not change).
/// </summary>
public static class ServingSimulator
{
    public static ServingMetrics Run(in StepCost cost, in ServingWorkload workload, in SchedulerConfig scheduler, double maxConcurrency, int requests, int seed, double sloTtftMs = double.PositiveInfinity, double sloTpotMs = double.PositiveInfinity)
    {
        workload.Validate();
        scheduler.Validate();
        if (requests < 1)
        {
            throw new EngineInputException($"requests = {requests} must be at least 1");
        }

        if (Math.Min(scheduler.MaxNumSeqs, Math.Floor(maxConcurrency)) < 1)
        {
            return Unbounded();
        }

        // The KV cache holds max_concurrency sequences of the workload's (mean) context: a request
        // reserves its own context in blocks, and one longer than the whole cache runs alone.
        var draws = RequestDraws.Of(workload, requests, seed);
        var arrival = draws.Arrival;
        var input = draws.Input;
        var output = draws.Output;
        var reserve = new double[requests];
        var kvTokens = Math.Floor(maxConcurrency) * Blocks(workload.InputTokens + workload.OutputTokens);
        for (var i = 0; i < requests; i++)
        {
            reserve[i] = Math.Min(kvTokens, Blocks(input[i] + output[i]));
        }

        var slots = Math.Min(scheduler.MaxNumSeqs, requests);
        double reserved = 0;

        var speculative = cost.Speculative;
        var acceptance = speculative.IsOn ? new Random(unchecked(seed * 31) + 17) : null;
        var decodeBudget = cost.BudgetTokensPerDecode;
        var scheduled = new double[requests];
        var firstToken = new double[requests];
        var finish = new double[requests];
        var prefilled = new int[requests];
        var generated = new int[requests];
        var running = new int[slots];
        var work = new int[slots];
        int count = 0, next = 0, done = 0;
        double decodeSum = 0;
        long steps = 0;
        var backlogAtLastArrival = -1;
        double clock = 0;
        while (done < requests)
        {
            if (count == 0 && next < requests && arrival[next] > clock)
            {
                clock = arrival[next];
            }

            var budget = scheduler.MaxNumBatchedTokens;
            double decoding = 0, contextSum = 0, prefillSequences = 0, prefillTokens = 0, pastSum = 0;
            for (var s = 0; s < count; s++)
            {
                var r = running[s];
                if (prefilled[r] == input[r])
                {
                    work[s] = -1;
                    decoding++;
                    contextSum += input[r] + generated[r];
                    budget -= decodeBudget;
                }
                else
                {
                    work[s] = 0;
                }
            }

            budget = Math.Max(0, budget);
            for (var s = 0; s < count && budget > 0; s++)
            {
                var r = running[s];
                if (work[s] == 0)
                {
                    var chunk = Math.Min(input[r] - prefilled[r], budget);
                    work[s] = chunk;
                    budget -= chunk;
                    prefillSequences++;
                    prefillTokens += chunk;
                    pastSum += prefilled[r];
                }
            }

            while (budget > 0 && count < slots && next < requests && arrival[next] <= clock && reserved + reserve[next] <= kvTokens)
            {
                var r = next++;
                scheduled[r] = clock;
                reserved += reserve[r];
                var chunk = Math.Min(input[r], budget);
                running[count] = r;
                work[count] = chunk;
                count++;
                budget -= chunk;
                prefillSequences++;
                prefillTokens += chunk;
            }

            if (backlogAtLastArrival < 0 && arrival[requests - 1] <= clock)
            {
                backlogAtLastArrival = requests - next;
            }

            var seconds = cost.Seconds(decoding, decoding > 0 ? contextSum / decoding : 0, prefillSequences, prefillTokens, prefillSequences > 0 ? pastSum / prefillSequences : 0);
            clock += seconds;
            decodeSum += decoding;
            steps++;
            var kept = 0;
            for (var s = 0; s < count; s++)
            {
                var r = running[s];
                var finished = false;
                if (work[s] < 0)
                {
                    generated[r] = Math.Min(output[r], generated[r] + (acceptance is null ? 1 : Accepted(acceptance, speculative) + 1));
                    finished = generated[r] >= output[r];
                }
                else if (work[s] > 0)
                {
                    prefilled[r] += work[s];
                    if (prefilled[r] == input[r])
                    {
                        firstToken[r] = clock;
                        generated[r] = 1;
                        finished = output[r] == 1;
                    }
                }

                if (finished)
                {
                    finish[r] = clock;
                    reserved -= reserve[r];
                    done++;
                }
                else
                {
                    running[kept++] = r;
                }
            }

            count = kept;
        }

        return Summarize(arrival, scheduled, firstToken, finish, output, decodeSum / steps, (clock - 0) / steps, backlogAtLastArrival, workload.Qps, sloTtftMs, sloTpotMs);
    }

    /// <summary>Proposals accepted in one verification: each with probability α, until the first rejection, at most k.</summary>
    internal static int Accepted(Random random, in SpeculativeDecoding speculative)
    {
        var accepted = 0;
        while (accepted < speculative.Proposed && random.NextDouble() < speculative.Acceptance)
        {
            accepted++;
        }

        return accepted;
    }

    /// <summary>Tokens of whole KV blocks a context takes.</summary>
    internal static double Blocks(int tokens) => Math.Ceiling(tokens / (double)KvCapacity.BlockTokens) * KvCapacity.BlockTokens;

    internal static ServingMetrics Summarize(double[] arrival, double[] scheduled, double[] firstToken, double[] finish, int[] output, double meanBatch, double meanStep, int backlog, double qps, double sloTtftMs, double sloTpotMs)
    {
        var n = arrival.Length;
        var ttft = new double[n];
        var tpot = new double[n];
        var e2e = new double[n];
        double queue = 0, last = 0;
        var good = 0;
        for (var i = 0; i < n; i++)
        {
            ttft[i] = (firstToken[i] - arrival[i]) * 1e3;
            tpot[i] = output[i] > 1 ? (finish[i] - firstToken[i]) * 1e3 / (output[i] - 1) : 0;
            e2e[i] = (finish[i] - arrival[i]) * 1e3;
            queue += scheduled[i] - arrival[i];
            last = Math.Max(last, finish[i]);
            good += ttft[i] <= sloTtftMs && tpot[i] <= sloTpotMs ? 1 : 0;
        }

        Array.Sort(ttft);
        Array.Sort(tpot);
        Array.Sort(e2e);
        var span = last - arrival[0];

        // A rate the replica cannot keep up with leaves a backlog that grows with the run.
        var saturated = backlog > Math.Max(50, n / 50);
        double tokens = 0;
        foreach (var o in output)
        {
            tokens += o;
        }

        return new ServingMetrics
        {
            Saturated = saturated,
            TtftP50Ms = Percentile(ttft, 0.50),
            TtftP90Ms = Percentile(ttft, 0.90),
            TtftP99Ms = Percentile(ttft, 0.99),
            TpotP50Ms = Percentile(tpot, 0.50),
            TpotP90Ms = Percentile(tpot, 0.90),
            TpotP99Ms = Percentile(tpot, 0.99),
            E2eP50Ms = Percentile(e2e, 0.50),
            E2eP90Ms = Percentile(e2e, 0.90),
            E2eP99Ms = Percentile(e2e, 0.99),
            MeanBatch = meanBatch,
            MeanQueueMs = queue / n * 1e3,
            StepMs = meanStep * 1e3,
            OutputTps = tokens / span,
            GoodputRps = saturated ? 0 : qps * good / n,
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static ServingMetrics Unbounded() => new()
    {
        Saturated = true,
        TtftP50Ms = double.PositiveInfinity,
        TtftP90Ms = double.PositiveInfinity,
        TtftP99Ms = double.PositiveInfinity,
        TpotP50Ms = double.PositiveInfinity,
        TpotP90Ms = double.PositiveInfinity,
        TpotP99Ms = double.PositiveInfinity,
        E2eP50Ms = double.PositiveInfinity,
        E2eP90Ms = double.PositiveInfinity,
        E2eP99Ms = double.PositiveInfinity,
        MeanQueueMs = double.PositiveInfinity,
    };
}
