namespace Life.Engine.Serving;

/// <summary>One replica doing prefill and decode in the same steps, as <see cref="SteadyStateServing"/> models it.</summary>
public readonly struct CollocatedReplica : IServingModel
{
    private readonly StepCost _cost;
    private readonly SchedulerConfig _scheduler;
    private readonly ServingWorkload _lengths;
    private readonly double _maxConcurrency;

    public CollocatedReplica(in StepCost cost, int inputTokens, int outputTokens, in SchedulerConfig scheduler, double maxConcurrency)
        : this(cost, new ServingWorkload(0, inputTokens, outputTokens), scheduler, maxConcurrency)
    {
    }

    /// <summary>A replica serving <paramref name="lengths"/>' mean lengths and spreads (its rate is ignored; each probe sets its own).</summary>
    public CollocatedReplica(in StepCost cost, in ServingWorkload lengths, in SchedulerConfig scheduler, double maxConcurrency)
    {
        _cost = cost;
        _lengths = lengths;
        _scheduler = scheduler;
        _maxConcurrency = maxConcurrency;
    }

    // `with` copies the spreads worked out when the lengths were set: nothing is recomputed per rate.
    public ServingMetrics At(double qps) => SteadyStateServing.Evaluate(_cost, _lengths with { Qps = qps }, _scheduler, _maxConcurrency);
}
