using System.Collections.Immutable;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Lens;

/// <summary>
/// LENS against its baselines on the same data (lens-model.md, "an honest comparison"): LENS and the
/// smooth fit are both calibrated on the calibration runs only, then every test run is predicted by LENS,
/// the smooth fit and, when a model and hardware specs are given, the spec-sheet roofline. Runs LENS cannot
/// predict (beyond the largest bucket or compiled batch) are skipped with the reason, for every method alike,
/// so the statistics compare the same rows.
/// </summary>
public sealed class LensComparison
{
    private LensComparison(BucketProfile profile, SmoothLatencyFit smooth, ImmutableArray<ComparisonRow> rows, ImmutableArray<SkippedRow> skipped, bool hasRoofline)
    {
        Profile = profile;
        Smooth = smooth;
        Rows = rows;
        Skipped = skipped;
        HasRoofline = hasRoofline;
        Lens = ApeSummary.Of(rows.Select(r => ApeSummary.Ape(r.LensMs, r.Measured.E2eMs)));
        SmoothFit = ApeSummary.Of(rows.Select(r => ApeSummary.Ape(r.SmoothMs, r.Measured.E2eMs)));
        Roofline = ApeSummary.Of(hasRoofline ? rows.Select(r => ApeSummary.Ape(r.RooflineMs, r.Measured.E2eMs)) : []);
    }

    public BucketProfile Profile { get; }

    public SmoothLatencyFit Smooth { get; }

    public ImmutableArray<ComparisonRow> Rows { get; }

    public ImmutableArray<SkippedRow> Skipped { get; }

    public bool HasRoofline { get; }

    public ApeSummary Lens { get; }

    public ApeSummary SmoothFit { get; }

    /// <summary>Empty (zero rows) when no roofline was asked for.</summary>
    public ApeSummary Roofline { get; }

    /// <param name="roofline">The model's operator table and the device's specs, or null for no roofline baseline.</param>
    public static LensComparison Run(
        BucketData calibration, BucketData test, BucketLists buckets, string device, (OperatorTable Table, HardwareSpec Hardware)? roofline = null, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(test);
        var profile = BucketCalibrator.Calibrate(calibration.Rows, buckets, device, calibration.Source, model);
        var smooth = SmoothLatencyFit.Fit(calibration.Rows, calibration.Source);
        var rows = ImmutableArray.CreateBuilder<ComparisonRow>();
        var skipped = ImmutableArray.CreateBuilder<SkippedRow>();
        foreach (var run in test.Rows)
        {
            if (profile.TryPredict(run.Batch, run.InputTokens, run.OutputTokens, out var lens) != PredictionFailure.None)
            {
                skipped.Add(new SkippedRow(run, Reason(profile, run)));
                continue;
            }

            // Both were calibrated on the same runs, so the fit has every batch the profile has.
            var fit = smooth.Predict(run.Batch, run.InputTokens, run.OutputTokens);

            var rooflineMs = double.NaN;
            if (roofline is { } r)
            {
                rooflineMs = Evaluator.Evaluate(r.Table, r.Hardware, new Workload(run.Batch, run.InputTokens, run.OutputTokens)).E2eMs;
            }

            rows.Add(new ComparisonRow(run, lens.E2eMs, fit.E2eMs, rooflineMs));
        }

        return new LensComparison(profile, smooth, rows.ToImmutable(), skipped.ToImmutable(), roofline is not null);
    }

    private static string Reason(BucketProfile profile, in BucketMeasurement run)
    {
        try
        {
            profile.Predict(run.Batch, run.InputTokens, run.OutputTokens);
            return string.Empty;
        }
        catch (EngineInputException e)
        {
            return e.Message;
        }
    }
}
