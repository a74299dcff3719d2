namespace Life.Engine.Specs;

/// <summary>
/// The number format of activations quantized below 16 bits, which picks the matrix units a GEMM runs
/// on: integers (W8A8-INT8, W4A4) or floats (FP8 E4M3/E5M2, FP4 as NVFP4/MXFP4).
/// </summary>
public enum ActivationFormat : byte
{
    /// <summary>INT8 / INT4 activations (the default: what <c>act_bits</c> meant before formats existed).</summary>
    Int = 0,

    /// <summary>FP8 / FP4 activations.</summary>
    Float = 1,
}
