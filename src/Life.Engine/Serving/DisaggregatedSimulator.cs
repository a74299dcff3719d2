namespace Life.Engine.Serving;

/// <summary>
/// Plays Poisson arrivals through an xPyD deployment (<see cref="DisaggregatedPools"/>): the
/// prefill pool is one first-come-first-served queue in front of its replicas, each prefilling one
/// prompt at a time in chunks of the step budget; the KV cache then crosses to a decode replica
/// (round robin in the order prompts finish), which admits it at a step boundary while it runs
/// fewer than max_num_seqs and its KV cache holds the context, and decodes in steps without
/// prefills. TTFT ends when the cache has crossed. Lengths and speculative acceptance come from
/// their own seeded streams, as in <see cref="ServingSimulator"/>; arrays allocated once per run.
/// </summary>
public static class DisaggregatedSimulator
{
    public static ServingMetrics Run(in DisaggregatedPools pools, in ServingWorkload workload, int requests, int seed, double sloTtftMs = double.PositiveInfinity, double sloTpotMs = double.PositiveInfinity)
    {
        workload.Validate();
        pools.Scheduler.Validate();
        if (requests < 1)
        {
            throw new EngineInputException($"requests = {requests} must be at least 1");
        }

        if (Math.Min(pools.Scheduler.MaxNumSeqs, Math.Floor(pools.DecodeMaxConcurrency)) < 1 || pools.PrefillReplicas < 1 || pools.DecodeReplicas < 1)
        {
            return ServingSimulator.Unbounded();
        }

        var draws = RequestDraws.Of(workload, requests, seed);
        var arrival = draws.Arrival;
        var input = draws.Input;
        var output = draws.Output;

        // Prefill pool: each prompt in arrival order takes the replica that frees first.
        var scheduled = new double[requests];
        var firstToken = new double[requests];
        var free = new double[pools.PrefillReplicas];
        var budget = pools.Scheduler.MaxNumBatchedTokens;
        var prefillBacklog = 0;
        for (var r = 0; r < requests; r++)
        {
            var replica = 0;
            for (var j = 1; j < free.Length; j++)
            {
                replica = free[j] < free[replica] ? j : replica;
            }

            scheduled[r] = Math.Max(arrival[r], free[replica]);
            free[replica] = scheduled[r] + DisaggregatedServing.PrefillSeconds(pools.Prefill, input[r], budget);
            firstToken[r] = free[replica] + pools.TransferSeconds;
        }

        for (var r = 0; r < requests; r++)
        {
            prefillBacklog += scheduled[r] > arrival[requests - 1] ? 1 : 0;
        }

        // Decode pool: requests in the order their caches arrive, dealt round robin.
        var ready = new int[requests];
        for (var i = 0; i < requests; i++)
        {
            ready[i] = i;
        }

        Array.Sort(firstToken.AsSpan().ToArray(), ready);
        var finish = new double[requests];
        var generated = new int[requests];
        var running = new int[Math.Min(pools.Scheduler.MaxNumSeqs, requests)];
        var acceptance = pools.Decode.Speculative.IsOn ? new Random(unchecked(seed * 31) + 17) : null;
        var kvTokens = Math.Floor(pools.DecodeMaxConcurrency) * ServingSimulator.Blocks(workload.InputTokens + workload.OutputTokens);
        double batchSum = 0, stepSum = 0;
        long steps = 0;
        var decodeBacklog = 0;
        for (var d = 0; d < pools.DecodeReplicas; d++)
        {
            DecodeReplica(pools, ready, d, input, output, firstToken, finish, generated, running, acceptance, kvTokens, arrival[requests - 1], ref batchSum, ref stepSum, ref steps, ref decodeBacklog);
        }

        var backlog = Math.Max(prefillBacklog, decodeBacklog * pools.DecodeReplicas);
        return ServingSimulator.Summarize(arrival, scheduled, firstToken, finish, output, steps > 0 ? batchSum / steps : 0, steps > 0 ? stepSum / steps : 0, backlog, workload.Qps, sloTtftMs, sloTpotMs);
    }

    /// <summary>One decode replica's steps over the requests dealt to it (every <c>DecodeReplicas</c>-th cache to arrive, from <paramref name="replica"/>).</summary>
    private static void DecodeReplica(in DisaggregatedPools pools, int[] ready, int replica, int[] input, int[] output, double[] firstToken, double[] finish, int[] generated, int[] running,
        Random? acceptance, double kvTokens, double lastArrival, ref double batchSum, ref double stepSum, ref long steps, ref int backlog)
    {
        var stride = pools.DecodeReplicas;
        var next = replica;
        int count = 0;
        double clock = 0, reserved = 0;
        var counted = false;
        while (next < ready.Length || count > 0)
        {
            if (count == 0 && firstToken[ready[next]] > clock)
            {
                clock = firstToken[ready[next]];
            }

            while (count < running.Length && next < ready.Length && firstToken[ready[next]] <= clock
                && reserved + Reserve(input, output, ready[next], kvTokens) <= kvTokens)
            {
                var r = ready[next];
                reserved += Reserve(input, output, r, kvTokens);
                generated[r] = 1;
                if (output[r] <= 1)
                {
                    finish[r] = firstToken[r];
                    reserved -= Reserve(input, output, r, kvTokens);
                }
                else
                {
                    running[count++] = r;
                }

                next += stride;
            }

            if (!counted && clock >= lastArrival)
            {
                // Caches waiting for this replica when the last request arrived: a growing queue is saturation.
                counted = true;
                for (var w = next; w < ready.Length && firstToken[ready[w]] <= clock; w += stride)
                {
                    backlog++;
                }
            }

            if (count == 0)
            {
                continue;
            }

            double contextSum = 0;
            for (var s = 0; s < count; s++)
            {
                contextSum += input[running[s]] + generated[running[s]];
            }

            var seconds = pools.Decode.Seconds(count, contextSum / count, 0, 0, 0);
            clock += seconds;
            batchSum += count;
            stepSum += seconds;
            steps++;
            var kept = 0;
            for (var s = 0; s < count; s++)
            {
                var r = running[s];
                generated[r] = Math.Min(output[r], generated[r] + (acceptance is null ? 1 : ServingSimulator.Accepted(acceptance, pools.Decode.Speculative) + 1));
                if (generated[r] >= output[r])
                {
                    finish[r] = clock;
                    reserved -= Reserve(input, output, r, kvTokens);
                }
                else
                {
                    running[kept++] = r;
                }
            }

            count = kept;
        }
    }

    private static double Reserve(int[] input, int[] output, int r, double kvTokens) => Math.Min(kvTokens, ServingSimulator.Blocks(input[r] + output[r]));
}
