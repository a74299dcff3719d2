using System.Runtime.CompilerServices;

namespace Life.Engine.Operators;

/// <summary>
/// One count (operations or bytes) of an operator for one forward step, as a polynomial in the step's
/// shape: <c>Fixed + b·(PerSequence + PerToken·n + PerKey·keys + PerPair·pairs)</c>, where b is the
/// batch, n the new (query) tokens per sequence, keys the cached tokens each sequence attends to, and
/// pairs the (query, key) pairs of one sequence's attention. Fixed terms are paid once per step for the
/// whole batch (weights), the rest per sequence (activations, KV).
/// </summary>
public readonly struct CountPolynomial
{
    public CountPolynomial(double @fixed, double perSequence, double perToken, double perKey, double perPair)
    {
        Fixed = @fixed;
        PerSequence = perSequence;
        PerToken = perToken;
        PerKey = perKey;
        PerPair = perPair;
    }

    public double Fixed { get; init; }

    public double PerSequence { get; init; }

    public double PerToken { get; init; }

    public double PerKey { get; init; }

    public double PerPair { get; init; }

    public static CountPolynomial Tokens(double perToken) => new(0, 0, perToken, 0, 0);

    public static CountPolynomial Constant(double value) => new(value, 0, 0, 0, 0);

    public static CountPolynomial operator +(CountPolynomial a, CountPolynomial b) =>
        new(a.Fixed + b.Fixed, a.PerSequence + b.PerSequence, a.PerToken + b.PerToken, a.PerKey + b.PerKey, a.PerPair + b.PerPair);

    public static CountPolynomial operator *(CountPolynomial a, double factor) =>
        new(a.Fixed * factor, a.PerSequence * factor, a.PerToken * factor, a.PerKey * factor, a.PerPair * factor);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(double batch, double tokens, double keys, double pairs) =>
        Fixed + batch * (PerSequence + PerToken * tokens + PerKey * keys + PerPair * pairs);
}
