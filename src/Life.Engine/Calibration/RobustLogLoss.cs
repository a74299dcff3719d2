using Life.Engine.Timing;
using Life.Engine.Validation;

namespace Life.Engine.Calibration;

/// <summary>
/// The calibration objective: weighted mean absolute log error, |ln(predicted / measured)|, smoothed
/// below 0.2% (pseudo-Huber) so simplex searches converge. Absolute (not squared) log error makes the
/// fit a weighted median, so a few outlying rows cannot drag it.
/// </summary>
internal static class RobustLogLoss
{
    private const double Smoothing = 0.002;

    public static double Of(IReadOnlyList<FitRow> rows, EfficiencyDefaults defaults, CalibrationProfile? profile, RooflineMode mode = RooflineMode.PerOperator)
    {
        var tables = new TableCache(defaults);
        double loss = 0, weight = 0;
        foreach (var row in rows)
        {
            var prepared = MeasurementResolver.Reapply(row.Prepared, defaults, profile);
            var predicted = Validator.Predict(prepared, tables, mode);
            var log = double.IsFinite(predicted) && predicted > 0 ? Math.Log(predicted / row.Prepared.Measurement.Value) : 10;
            var error = Math.Sqrt((log * log) + (Smoothing * Smoothing)) - Smoothing;
            loss += row.Weight * error;
            weight += row.Weight;
        }

        return weight > 0 ? loss / weight : 0;
    }

    /// <summary>
    /// Rows weighted 1/√n within an experiment (device, model, format, metric, framework, devices) of
    /// n rows: between "every row counts" (one large sweep would dominate) and "every experiment
    /// counts once" (its many rows would count as one).
    /// </summary>
    public static List<FitRow> Weighted(IEnumerable<PreparedMeasurement> prepared)
    {
        var list = prepared.ToList();
        var sizes = list.GroupBy(ExperimentKey).ToDictionary(g => g.Key, g => g.Count());
        return list.Select(p => new FitRow(p, 1.0 / Math.Sqrt(sizes[ExperimentKey(p)]))).ToList();
    }

    public static string ExperimentKey(PreparedMeasurement p) =>
        $"{p.RawHardware.Id}|{p.Model.Id}|{p.Measurement.WeightBits}|{p.Measurement.Metric}|{p.Framework}|{p.Measurement.Devices}";
}
