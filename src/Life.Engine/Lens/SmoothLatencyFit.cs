using System.Collections.Immutable;
using static System.FormattableString;

namespace Life.Engine.Lens;

/// <summary>
/// The bucket-unaware baseline of lens-model.md: per batch, least squares of E2E against
/// a + b·input + c·output + d·input·output on the same runs LENS is calibrated from. The input·output term
/// is there because a decode step reads the KV cache, so total decode time grows with input × output; without
/// it the baseline could not follow context-dependent TPOT at all and would be a straw man. It falls back to
/// a + b·input + c·output when the runs cannot determine d.
/// </summary>
public sealed class SmoothLatencyFit
{
    private readonly SmoothFitCoefficients[] _batches;

    private SmoothLatencyFit(SmoothFitCoefficients[] batches)
    {
        _batches = batches;
        Coefficients = [.. batches];
    }

    /// <summary>One fit per batch present in the runs, ascending by batch.</summary>
    public ImmutableArray<SmoothFitCoefficients> Coefficients { get; }

    public static SmoothLatencyFit Fit(IReadOnlyList<BucketMeasurement> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new EngineInputException($"{source}: no measurement rows");
        }

        return new SmoothLatencyFit([.. rows.Select(r => r.Batch).Distinct().Order().Select(b => FitBatch(b, [.. rows.Where(r => r.Batch == b)], source))]);
    }

    /// <summary>The fit of the smallest fitted batch holding <paramref name="batch"/>; false when there is none.</summary>
    public bool TryPredict(int batch, int input, int output, out LatencyPrediction prediction)
    {
        foreach (var fit in _batches)
        {
            if (fit.Batch >= batch)
            {
                prediction = fit.Predict(input, output);
                return true;
            }
        }

        prediction = default;
        return false;
    }

    public LatencyPrediction Predict(int batch, int input, int output) =>
        TryPredict(batch, input, output, out var prediction)
            ? prediction
            : throw new EngineInputException(Invariant($"smooth fit: batch {batch} is beyond the largest measured batch {_batches[^1].Batch}"));

    private static SmoothFitCoefficients FitBatch(int batch, List<BucketMeasurement> rows, string source)
    {
        var y = rows.Select(r => r.E2eMs).ToList();
        var full = rows.Select(r => new double[] { 1, r.InputTokens, r.OutputTokens, (double)r.InputTokens * r.OutputTokens }).ToList();
        if (LeastSquares.TrySolve(full, y, out var beta))
        {
            return new SmoothFitCoefficients(batch, beta[0], beta[1], beta[2], beta[3]);
        }

        var plane = full.Select(x => x[..3]).ToList();
        return LeastSquares.TrySolve(plane, y, out beta)
            ? new SmoothFitCoefficients(batch, beta[0], beta[1], beta[2], 0)
            : throw new EngineInputException(Invariant(
                $"{source}: smooth fit (batch {batch}): {rows.Count} runs do not determine E2E against input and output (need at least two input and two output lengths)"));
    }
}
