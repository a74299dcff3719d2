namespace Life.Engine.Calibration;

/// <summary>
/// Families of weight formats whose kernels differ in efficiency. Told apart by bits per weight:
/// 16/32 are floats; other integers are group-quantized formats (GPTQ/AWQ-style, scales counted
/// separately); x.5 are llama.cpp's legacy block formats (Q4_0 = 4.5, Q5_0 = 5.5, Q8_0 = 8.5, scales
/// included); any other fraction is a super-block or mixed format (k-quants such as Q4_K_M = 4.85,
/// MXFP4 mixes) whose dequantization is the most work.
/// </summary>
public enum WeightFormat : byte
{
    Float = 0,
    IntegerGroup = 1,
    LegacyBlock = 2,
    SuperBlock = 3,
}
