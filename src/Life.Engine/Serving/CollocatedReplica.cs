namespace Life.Engine.Serving;

/// <summary>One replica doing prefill and decode in the same steps, as <see cref="SteadyStateServing"/> models it.</summary>
public readonly struct CollocatedReplica : IServingModel
{
    private readonly StepCost _cost;
    private readonly SchedulerConfig _scheduler;
    private readonly int _input;
    private readonly int _output;
    private readonly double _maxConcurrency;

    public CollocatedReplica(in StepCost cost, int inputTokens, int outputTokens, in SchedulerConfig scheduler, double maxConcurrency)
    {
        _cost = cost;
        _input = inputTokens;
        _output = outputTokens;
        _scheduler = scheduler;
        _maxConcurrency = maxConcurrency;
    }

    public ServingMetrics At(double qps) => SteadyStateServing.Evaluate(_cost, new ServingWorkload(qps, _input, _output), _scheduler, _maxConcurrency);
}
