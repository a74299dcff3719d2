namespace Life.Engine.Timing;

/// <summary>
/// A run of <see cref="Count"/> forward steps, each with <see cref="Tokens"/> new tokens per sequence,
/// the j-th after <see cref="FirstPast"/> + j·<see cref="Stride"/> cached tokens: decode (1 token,
/// stride 1) or equal prefill chunks (chunk tokens, stride chunk).
/// </summary>
internal readonly record struct StepRun(double Tokens, double FirstPast, double Stride, long Count);
