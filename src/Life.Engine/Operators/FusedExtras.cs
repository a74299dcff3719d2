namespace Life.Engine.Operators;

/// <summary>Work folded into a fused attention kernel (RoPE, cache write) besides attention itself.</summary>
internal readonly record struct FusedExtras(CountPolynomial Ops, CountPolynomial Read, CountPolynomial Written, double Dispatches);
