namespace Life.Engine.Serving;

/// <summary>
/// The highest request rate a replica serves within P99 SLOs, by the steady-state model: latencies
/// only grow with the rate (a property the tests hold), so the rate is bracketed by doubling or
/// halving from the rate that keeps one request at a time decoding, then bisected to 0.1%.
/// Allocation-free, usable as a sweep objective (max_qps_at_slo): some 15 steady-state evaluations,
/// where doubling up from 10⁻³ requests/s and bisecting to 0.01% took about 30.
/// </summary>
public static class CapacitySearch
{
    /// <summary>Relative width the bracket is bisected to.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Halving from the first guess stops here (a rate 10⁻⁴ of one request at a time is no rate).</summary>
    private const double Floor = 1e-4;

    /// <summary>Requests per second; 0 when no rate meets the SLOs (even one request alone misses them).</summary>
    public static double MaxQps(in StepCost cost, int inputTokens, int outputTokens, in SchedulerConfig scheduler, double maxConcurrency, double sloTtftP99Ms, double sloTpotP99Ms)
    {
        // One request at a time: a decode step of one sequence at its mean context, O of them per request.
        var alone = cost.Seconds(1, inputTokens + (outputTokens / 2.0), 0, 0, 0);
        var guess = alone > 0 && double.IsFinite(alone) ? 1 / (outputTokens * alone) : 1;
        double low, high;
        if (Meets(cost, guess, inputTokens, outputTokens, scheduler, maxConcurrency, sloTtftP99Ms, sloTpotP99Ms))
        {
            (low, high) = (guess, 2 * guess);
            while (Meets(cost, high, inputTokens, outputTokens, scheduler, maxConcurrency, sloTtftP99Ms, sloTpotP99Ms))
            {
                low = high;
                high *= 2;
                if (high > 1e7)
                {
                    return low;
                }
            }
        }
        else
        {
            (low, high) = (guess / 2, guess);
            while (!Meets(cost, low, inputTokens, outputTokens, scheduler, maxConcurrency, sloTtftP99Ms, sloTpotP99Ms))
            {
                high = low;
                low /= 2;
                if (low < guess * Floor)
                {
                    return 0;
                }
            }
        }

        while (high - low > Tolerance * low)
        {
            var mid = (low + high) / 2;
            if (Meets(cost, mid, inputTokens, outputTokens, scheduler, maxConcurrency, sloTtftP99Ms, sloTpotP99Ms))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Whether the replica serves <paramref name="qps"/> unsaturated within both P99 limits.</summary>
    public static bool Meets(in StepCost cost, double qps, int input, int output, in SchedulerConfig scheduler, double maxConcurrency, double sloTtft, double sloTpot)
    {
        var m = SteadyStateServing.Evaluate(cost, new ServingWorkload(qps, input, output), scheduler, maxConcurrency);
        return !m.Saturated && m.TtftP99Ms <= sloTtft && m.TpotP99Ms <= sloTpot;
    }
}
