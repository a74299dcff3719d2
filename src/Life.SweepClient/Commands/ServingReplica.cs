using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.SweepClient.Commands;

/// <summary>One replica ready to serve: its step costs, KV capacity and scheduler.</summary>
internal sealed record ServingReplica(HardwareSpec Hardware, ModelSpec Model, Deployment Deployment, SchedulerConfig Scheduler, StepCost Cost, double MaxConcurrency, int InputTokens, int OutputTokens)
{
    /// <summary>The operator table the costs were built from (KV sizes of a disaggregated transfer).</summary>
    public required Life.Engine.Operators.OperatorTable Table { get; init; }

    /// <summary>The mean lengths (<see cref="InputTokens"/>, <see cref="OutputTokens"/>) with the distributions drawn around them, their spreads worked out once; its rate is 0 (each use sets one).</summary>
    public required ServingWorkload Lengths { get; init; }

    public ServingMetrics SteadyState(double qps) =>
        SteadyStateServing.Evaluate(Cost, Lengths with { Qps = qps }, Scheduler, MaxConcurrency);

    public ServingMetrics Simulate(double qps, int requests, int seed, double sloTtftMs, double sloTpotMs) =>
        Simulate(Lengths with { Qps = qps }, requests, seed, sloTtftMs, sloTpotMs);

    public ServingMetrics Simulate(in ServingWorkload workload, int requests, int seed, double sloTtftMs, double sloTpotMs) =>
        ServingSimulator.Run(Cost, workload, Scheduler, MaxConcurrency, requests, seed, sloTtftMs, sloTpotMs);
}
