using System.Globalization;

namespace Life.Engine.Serving;

/// <summary>
/// Input or output lengths of simulated requests: fixed, uniform:a,b or lognormal:μ,σ (of the
/// natural log of the length), each draw rounded and held to [1, <see cref="MaxTokens"/>]. Draws
/// come from the caller's seeded generator, so a run is a function of its seed.
/// </summary>
public readonly struct LengthDistribution
{
    public const int MaxTokens = 1 << 20;

    public LengthDistribution(LengthKind kind, double a, double b)
    {
        Kind = kind;
        A = a;
        B = b;
    }

    public static LengthDistribution Fixed => default;

    public LengthKind Kind { get; }

    public double A { get; }

    public double B { get; }

    public bool IsFixed => Kind == LengthKind.Fixed;

    /// <summary>Expected length: (a + b)/2, or exp(μ + σ²/2); <paramref name="fixedTokens"/> when fixed.</summary>
    public double Mean(int fixedTokens) => Kind switch
    {
        LengthKind.Uniform => (A + B) / 2,
        LengthKind.LogNormal => Math.Exp(A + (B * B / 2)),
        _ => fixedTokens,
    };

    public int Sample(Random random, int fixedTokens)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (Kind)
        {
            case LengthKind.Uniform:
                return (int)A + random.Next((int)B - (int)A + 1);
            case LengthKind.LogNormal:
                // Box–Muller: one standard normal from two uniforms (the first kept off 0).
                var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                var tokens = Math.Round(Math.Exp(A + (B * z)));
                return (int)Math.Clamp(tokens, 1, MaxTokens);
            default:
                return fixedTokens;
        }
    }

    /// <summary>Parses <c>fixed</c>, <c>uniform:A,B</c> (whole tokens, 1 ≤ A ≤ B) or <c>lognormal:MU,SIGMA</c> (σ ≥ 0); bad text throws with one line.</summary>
    public static LengthDistribution Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var parts = colon < 0 ? [] : text[(colon + 1)..].Split(',');
        if (kind == "fixed" && colon < 0)
        {
            return Fixed;
        }

        var usage = $"{name} = '{text}': expected fixed, uniform:A,B (1 ≤ A ≤ B tokens) or lognormal:MU,SIGMA (of ln tokens, SIGMA ≥ 0)";
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            || !double.IsFinite(a) || !double.IsFinite(b))
        {
            throw new EngineInputException(usage);
        }

        return kind switch
        {
            "uniform" when a >= 1 && b >= a && b <= MaxTokens && a == Math.Floor(a) && b == Math.Floor(b) => new LengthDistribution(LengthKind.Uniform, a, b),
            "lognormal" when b >= 0 && a <= Math.Log(MaxTokens) => new LengthDistribution(LengthKind.LogNormal, a, b),
            _ => throw new EngineInputException(usage),
        };
    }
}
