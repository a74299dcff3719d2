using Life.Engine.Timing;
using Life.Engine.Validation;

namespace Life.Engine.Calibration;

/// <summary>
/// How the fitted defaults do on data they were not fitted to: for each measurement file, the
/// defaults are refitted (as <c>calibrate --defaults</c> does) on every other file and that file is
/// predicted with them. Each dev file is its own source, device family and often framework, so this
/// is the closest the visible data comes to a new user's hardware.
/// </summary>
public static class LeaveOneFileOutCheck
{
    public static ValidationResult Run(IReadOnlyList<PreparedMeasurement> prepared, IReadOnlyList<SkippedMeasurement> skipped)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(skipped);
        var files = prepared.Select(p => p.Measurement.File).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count < 2)
        {
            throw new EngineInputException($"--leave-one-file-out needs predictable measurements from at least two files (got {files.Count})");
        }

        var rows = new List<ValidatedRow>();
        foreach (var file in files)
        {
            // Start from nothing fitted, as the shipped fit does, so no number learned from the held-out
            // file leaks into its prediction.
            var fitted = DefaultsFitter.FromScratch(prepared.Where(p => p.Measurement.File != file)).Fit();
            var held = prepared.Where(p => p.Measurement.File == file).Select(p => MeasurementResolver.Reapply(p, fitted)).ToList();
            rows.AddRange(Validator.Run(held, [], fitted, RooflineMode.PerOperator).Rows);
        }

        return new ValidationResult(rows, skipped);
    }
}
