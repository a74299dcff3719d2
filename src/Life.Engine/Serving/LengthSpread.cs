namespace Life.Engine.Serving;

/// <summary>
/// What the steady-state model reads of a length distribution, worked out once per distribution (not
/// per rate or row): the second-moment ratio E[L²]/E[L]² = 1 + CV² and the lengths at the 50th, 90th
/// and 99th percentiles. <c>default</c> is no spread: every request the workload's length.
/// Uniform a..b (whole tokens, n = b − a + 1 values): mean (a + b)/2, variance (n² − 1)/12, quantile
/// a + q·(b − a) (the continuous one; within a token of the discrete). Lognormal μ, σ: E[L] = e^(μ+σ²/2),
/// E[L²] = e^(2μ+2σ²), so the ratio is e^(σ²); quantile e^(μ+σ·z_q), held to [1, MaxTokens] as draws are.
/// The rounding of draws to whole tokens is not in the moments (under half a token).
/// </summary>
public readonly struct LengthSpread
{
    /// <summary>The standard normal quantile at 0.90.</summary>
    public const double Z90 = 1.2815515655446004;

    /// <summary>The standard normal quantile at 0.99.</summary>
    public const double Z99 = 2.3263478740408408;

    private readonly double _secondMomentRatio;

    private LengthSpread(double secondMomentRatio, double p50, double p90, double p99)
    {
        HasSpread = true;
        _secondMomentRatio = secondMomentRatio;
        P50Tokens = p50;
        P90Tokens = p90;
        P99Tokens = p99;
    }

    public bool HasSpread { get; }

    /// <summary>E[L²]/E[L]²: 1 without spread.</summary>
    public double SecondMomentRatio => HasSpread ? _secondMomentRatio : 1;

    /// <summary>Median length in tokens (0 without spread: the caller's fixed length).</summary>
    public double P50Tokens { get; }

    public double P90Tokens { get; }

    public double P99Tokens { get; }

    public static LengthSpread Of(in LengthDistribution distribution)
    {
        switch (distribution.Kind)
        {
            case LengthKind.Uniform:
                var a = distribution.A;
                var b = distribution.B;
                var mean = (a + b) / 2;
                var n = b - a + 1;
                var variance = ((n * n) - 1) / 12;
                return new LengthSpread(1 + (variance / (mean * mean)), a + (0.5 * (b - a)), a + (0.9 * (b - a)), a + (0.99 * (b - a)));
            case LengthKind.LogNormal:
                var mu = distribution.A;
                var sigma = distribution.B;
                return new LengthSpread(Math.Exp(sigma * sigma), Held(Math.Exp(mu)), Held(Math.Exp(mu + (sigma * Z90))), Held(Math.Exp(mu + (sigma * Z99))));
            default:
                return default;
        }
    }

    private static double Held(double tokens) => Math.Clamp(tokens, 1, LengthDistribution.MaxTokens);
}
