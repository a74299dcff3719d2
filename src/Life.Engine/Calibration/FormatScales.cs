namespace Life.Engine.Calibration;

/// <summary>
/// Time multipliers for matrix multiplications whose weights are in a format: compute (dequantizing
/// inside GEMMs) and memory (GEMV kernels that cannot stream packed weights at full bandwidth because
/// unpacking them costs ALU time).
/// </summary>
public sealed record FormatScales(double Compute, double Memory)
{
    public static FormatScales Neutral { get; } = new(1, 1);
}
