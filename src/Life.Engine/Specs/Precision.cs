namespace Life.Engine.Specs;

/// <summary>The arithmetic an operator runs in, which picks the hardware peak it can reach.</summary>
public enum Precision : byte
{
    /// <summary>FP16 or BF16 matrix/tensor arithmetic (also the fallback for every other precision).</summary>
    Fp16 = 0,

    /// <summary>FP8 matrix arithmetic.</summary>
    Fp8 = 1,

    /// <summary>INT8 matrix arithmetic (W8A8).</summary>
    Int8 = 2,

    /// <summary>INT4 matrix arithmetic (W4A4).</summary>
    Int4 = 3,

    /// <summary>FP4 matrix arithmetic (NVFP4/MXFP4 activations and weights).</summary>
    Fp4 = 4,
}
