using Life.Engine.Calibration;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Validation;

/// <summary>
/// Predicts prepared measurements and compares (operator tables cached per model and optimizations).
/// Each row goes through the evaluator <c>predict</c> uses, with the row's deployment: collectives on
/// the node topology, KV capacity and waves when the batch does not fit in the KV blocks.
/// </summary>
public static class Validator
{
    public static ValidationResult Run(IReadOnlyList<PreparedMeasurement> prepared, IReadOnlyList<SkippedMeasurement> skipped, EfficiencyDefaults efficiency, RooflineMode mode = RooflineMode.PerOperator)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(efficiency);
        var tables = new TableCache(efficiency);
        var rows = new List<ValidatedRow>(prepared.Count);
        foreach (var p in prepared)
        {
            var metrics = Forecast(p, tables, mode);
            rows.Add(new ValidatedRow(p, MeasuredMetrics.Predicted(metrics, p.Measurement.Metric), metrics.Fits));
        }

        return new ValidationResult(rows, skipped);
    }

    public static double Predict(PreparedMeasurement p, TableCache tables, RooflineMode mode = RooflineMode.PerOperator)
    {
        ArgumentNullException.ThrowIfNull(p);
        return MeasuredMetrics.Predicted(Forecast(p, tables, mode), p.Measurement.Metric);
    }

    /// <summary>Every metric of the row's configuration, as <c>predict</c> gives them.</summary>
    public static Metrics Forecast(PreparedMeasurement p, TableCache tables, RooflineMode mode = RooflineMode.PerOperator)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(tables);
        var table = tables.Get(p.Model, p.Optimizations);
        return Evaluator.Evaluate(table, p.Hardware, p.Workload, mode, p.Deployment);
    }
}
