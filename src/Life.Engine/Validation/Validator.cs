using Life.Engine.Calibration;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Validation;

/// <summary>Predicts prepared measurements and compares (operator tables cached per model and optimizations).</summary>
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
            rows.Add(new ValidatedRow(p, Predict(p, tables, mode)));
        }

        return new ValidationResult(rows, skipped);
    }

    public static double Predict(PreparedMeasurement p, TableCache tables, RooflineMode mode = RooflineMode.PerOperator)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(tables);
        var table = tables.Get(p.Model, p.Optimizations);
        var metrics = Evaluator.Evaluate(table, p.Hardware, p.Workload, mode, p.Deployment);
        return MeasuredMetrics.Predicted(metrics, p.Measurement.Metric);
    }
}
