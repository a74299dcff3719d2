using Life.Engine.Specs;
using Life.Engine.Validation;

namespace Life.Engine.Calibration;

/// <summary>
/// <c>life-sweep calibrate</c>: for each (device, framework) in the measurements, the compute
/// efficiency, memory efficiency and per-kernel overhead that minimize the absolute log error of its
/// rows, starting from (and weakly pulled toward) the defaults, so two rows — one prefill-dominated,
/// one decode-dominated — are enough and outliers cannot drag the fit.
/// </summary>
public static class DeviceCalibrator
{
    /// <summary>Pull toward the defaults per parameter: weak on the efficiencies, firmer on the kernel overhead, which few rows pin down.</summary>
    private static readonly double[] Pulls = [1e-4, 1e-4, 1e-3];

    public static CalibrationProfile Calibrate(IReadOnlyList<PreparedMeasurement> rows, EfficiencyDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(defaults);
        var entries = new List<DeviceCalibration>();
        foreach (var group in rows.GroupBy(r => (r.RawHardware.Id, Framework: FrameworkProfile.Name(r.Framework))).OrderBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Framework, StringComparer.Ordinal))
        {
            entries.Add(CalibrateOne(group.Key.Id, group.Key.Framework, [.. group], defaults));
        }

        return new CalibrationProfile(entries);
    }

    private static DeviceCalibration CalibrateOne(string hardware, string framework, List<PreparedMeasurement> rows, EfficiencyDefaults defaults)
    {
        var fitRows = RobustLogLoss.Weighted(rows);
        var start = MeasurementResolver.Efficiencies(rows[0].RawHardware, rows[0].Framework, defaults, null);
        double[] x0 = [Math.Log(start.ComputeEfficiency), Math.Log(start.MemoryEfficiency), Math.Log(Math.Max(start.DispatchOverheadUs, 0.01))];
        CalibrationProfile ProfileOf(double[] x) => new([new DeviceCalibration(hardware, framework, Math.Exp(x[0]), Math.Exp(x[1]), Math.Exp(x[2]), rows.Count, double.NaN, double.NaN)]);

        var best = NelderMead.Minimize(
            x => RobustLogLoss.Of(fitRows, defaults, ProfileOf(x)) + Penalty(x, x0),
            x0,
            [Math.Log(0.005), Math.Log(0.005), Math.Log(0.01)],
            [0, 0, Math.Log(1000)]);

        var before = MedianApe(rows, defaults, null);
        var after = MedianApe(rows, defaults, ProfileOf(best));
        return new DeviceCalibration(hardware, framework, Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), rows.Count, before, after);
    }

    private static double Penalty(double[] x, double[] x0)
    {
        double penalty = 0;
        for (var i = 0; i < x.Length; i++)
        {
            penalty += Pulls[i] * (x[i] - x0[i]) * (x[i] - x0[i]);
        }

        return penalty;
    }

    private static double MedianApe(List<PreparedMeasurement> rows, EfficiencyDefaults defaults, CalibrationProfile? profile)
    {
        var applied = rows.Select(r => MeasurementResolver.Reapply(r, defaults, profile)).ToList();
        return Validator.Run(applied, [], defaults, Timing.RooflineMode.PerOperator).Overall.MedianApe;
    }
}
