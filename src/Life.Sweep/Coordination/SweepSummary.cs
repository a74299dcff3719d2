using Life.Sweep.Results;
using Life.Sweep.Specs;

namespace Life.Sweep.Coordination;

/// <summary>A finished sweep: counts, the Pareto rows (as a result batch), and this run's timing.</summary>
public sealed record SweepSummary(
    SweepSpec Spec,
    string SweepId,
    string OutputDirectory,
    long Configurations,
    long Shards,
    long ShardsRunNow,
    long RowsMeetingConstraints,
    ResultBatch Front,
    TimeSpan Elapsed,
    double ConfigsPerSecond);
