namespace Life.Engine.Serving;

/// <summary>
/// The highest request rate a replica serves within P99 SLOs, by the steady-state model: latencies
/// only grow with the rate (a property the tests hold), so the rate is bracketed by doubling and then
/// bisected. Allocation-free, usable as a sweep objective (max_qps_at_slo).
/// </summary>
public static class CapacitySearch
{
    private const int Bisections = 40;

    /// <summary>Requests per second; 0 when no rate meets the SLOs (even one request alone misses them).</summary>
    public static double MaxQps(in StepCost cost, int inputTokens, int outputTokens, in SchedulerConfig scheduler, double maxConcurrency, double sloTtftP99Ms, double sloTpotP99Ms)
    {
        double low = 0, high = 1e-3;
        while (Meets(cost, high, inputTokens, outputTokens, scheduler, maxConcurrency, sloTtftP99Ms, sloTpotP99Ms))
        {
            low = high;
            high *= 2;
            if (high > 1e7)
            {
                return low;
            }
        }

        if (low == 0)
        {
            return 0;
        }

        for (var i = 0; i < Bisections && high - low > 1e-4 * low; i++)
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

    private static bool Meets(in StepCost cost, double qps, int input, int output, in SchedulerConfig scheduler, double maxConcurrency, double sloTtft, double sloTpot)
    {
        var m = SteadyStateServing.Evaluate(cost, new ServingWorkload(qps, input, output), scheduler, maxConcurrency);
        return !m.Saturated && m.TtftP99Ms <= sloTtft && m.TpotP99Ms <= sloTpot;
    }
}
