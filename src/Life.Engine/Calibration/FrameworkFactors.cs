namespace Life.Engine.Calibration;

/// <summary>
/// A framework's kernels relative to the device defaults: multipliers on compute and memory
/// efficiency and on per-kernel overhead, the latency of one collective between devices, and the
/// compute-time and memory-time multipliers of its attention kernels relative to its GEMMs.
/// </summary>
public sealed record FrameworkFactors(double Compute, double Memory, double Dispatch, double CollectiveLatencyUs, double Attention = 1, double AttentionMemory = 1)
{
    public static FrameworkFactors Neutral { get; } = new(1, 1, 1, 10);
}
