namespace Life.Engine.Serving;

/// <summary>
/// The highest request rate a deployment serves within P99 SLOs, by a steady-state model: latencies
/// only grow with the rate (a property the tests hold), so the rate is bracketed by doubling or
/// halving from a first guess (the rate that keeps one request at a time decoding), then bisected
/// to 0.1%. Allocation-free, usable as a sweep objective (max_qps_at_slo): some 15 steady-state
/// evaluations, where doubling up from 10⁻³ requests/s and bisecting to 0.01% took about 30.
/// </summary>
public static class CapacitySearch
{
    /// <summary>Relative width the bracket is bisected to.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>Halving from the first guess stops here (a rate 10⁻⁴ of one request at a time is no rate).</summary>
    private const double Floor = 1e-4;

    /// <summary>Requests per second one collocated replica serves; 0 when no rate meets the SLOs (even one request alone misses them).</summary>
    public static double MaxQps(in StepCost cost, int inputTokens, int outputTokens, in SchedulerConfig scheduler, double maxConcurrency, double sloTtftP99Ms, double sloTpotP99Ms) =>
        MaxQps(new CollocatedReplica(cost, inputTokens, outputTokens, scheduler, maxConcurrency), OneAtATime(cost, inputTokens, outputTokens), sloTtftP99Ms, sloTpotP99Ms);

    /// <summary>Requests per second one collocated replica serves at <paramref name="lengths"/>' mean lengths and spreads (its rate is ignored); 0 when none.</summary>
    public static double MaxQps(in StepCost cost, in ServingWorkload lengths, in SchedulerConfig scheduler, double maxConcurrency, double sloTtftP99Ms, double sloTpotP99Ms) =>
        MaxQps(new CollocatedReplica(cost, lengths, scheduler, maxConcurrency), OneAtATime(cost, lengths.InputTokens, lengths.OutputTokens), sloTtftP99Ms, sloTpotP99Ms);

    /// <summary>The rate that keeps one request at a time decoding: one sequence's decode step at its mean context, O of them per request.</summary>
    public static double OneAtATime(in StepCost cost, int inputTokens, int outputTokens)
    {
        var alone = cost.Seconds(1, inputTokens + (outputTokens / 2.0), 0, 0, 0);
        return alone > 0 && double.IsFinite(alone) ? 1 / (outputTokens * alone) : 1;
    }

    /// <summary>Requests per second <paramref name="model"/> serves within both P99 limits, searched from <paramref name="guess"/>; 0 when none.</summary>
    public static double MaxQps<TModel>(in TModel model, double guess, double sloTtftP99Ms, double sloTpotP99Ms)
        where TModel : struct, IServingModel
    {
        double low, high;
        if (Meets(model, guess, sloTtftP99Ms, sloTpotP99Ms))
        {
            (low, high) = (guess, 2 * guess);
            while (Meets(model, high, sloTtftP99Ms, sloTpotP99Ms))
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
            while (!Meets(model, low, sloTtftP99Ms, sloTpotP99Ms))
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
            if (Meets(model, mid, sloTtftP99Ms, sloTpotP99Ms))
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

    /// <summary>Whether a collocated replica serves <paramref name="qps"/> unsaturated within both P99 limits.</summary>
    public static bool Meets(in StepCost cost, double qps, int input, int output, in SchedulerConfig scheduler, double maxConcurrency, double sloTtft, double sloTpot) =>
        Meets(new CollocatedReplica(cost, input, output, scheduler, maxConcurrency), qps, sloTtft, sloTpot);

    private static bool Meets<TModel>(in TModel model, double qps, double sloTtft, double sloTpot)
        where TModel : struct, IServingModel
    {
        var m = model.At(qps);
        return !m.Saturated && m.TtftP99Ms <= sloTtft && m.TpotP99Ms <= sloTpot;
    }
}
