using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.SweepClient.Commands;

/// <summary>One replica ready to serve: its step costs, KV capacity and scheduler.</summary>
internal sealed record ServingReplica(HardwareSpec Hardware, ModelSpec Model, Deployment Deployment, SchedulerConfig Scheduler, StepCost Cost, double MaxConcurrency, int InputTokens, int OutputTokens)
{
    /// <summary>The operator table the costs were built from (KV sizes of a disaggregated transfer).</summary>
    public required Life.Engine.Operators.OperatorTable Table { get; init; }

    public ServingMetrics SteadyState(double qps) =>
        SteadyStateServing.Evaluate(Cost, new ServingWorkload(qps, InputTokens, OutputTokens), Scheduler, MaxConcurrency);

    public ServingMetrics Simulate(double qps, int requests, int seed, double sloTtftMs, double sloTpotMs) =>
        Simulate(new ServingWorkload(qps, InputTokens, OutputTokens), requests, seed, sloTtftMs, sloTpotMs);

    public ServingMetrics Simulate(in ServingWorkload workload, int requests, int seed, double sloTtftMs, double sloTpotMs) =>
        ServingSimulator.Run(Cost, workload, Scheduler, MaxConcurrency, requests, seed, sloTtftMs, sloTpotMs);
}
