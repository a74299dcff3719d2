using Life.Engine.Calibration;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Validation;

/// <summary>
/// Predicts prepared measurements and compares (operator tables cached per model and optimizations).
/// A static-batch row goes through the evaluator <c>predict</c> uses, with the row's deployment:
/// collectives on the node topology, KV capacity and waves when the batch does not fit in the KV
/// blocks. A row with a request rate goes through the steady-state serving model (<see cref="RateForecast"/>).
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
            rows.Add(Row(p, tables, mode));
        }

        return new ValidationResult(rows, skipped);
    }

    public static double Predict(PreparedMeasurement p, TableCache tables, RooflineMode mode = RooflineMode.PerOperator) =>
        Row(p, tables, mode).Predicted;

    /// <summary>The row's forecast value, with whether the model fits and, at a rate, whether the replica saturates.</summary>
    public static ValidatedRow Row(PreparedMeasurement p, TableCache tables, RooflineMode mode = RooflineMode.PerOperator)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(tables);
        if (!double.IsNaN(p.Measurement.Qps))
        {
            return RateForecast.Of(p, tables.Get(p.Model, p.Optimizations));
        }

        var metrics = Forecast(p, tables, mode);
        return new ValidatedRow(p, MeasuredMetrics.Predicted(metrics, p.Measurement.Metric), metrics.Fits);
    }

    /// <summary>Every metric of the row's configuration as a static batch, as <c>predict</c> gives them.</summary>
    public static Metrics Forecast(PreparedMeasurement p, TableCache tables, RooflineMode mode = RooflineMode.PerOperator)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(tables);
        var table = tables.Get(p.Model, p.Optimizations);
        return Evaluator.Evaluate(table, p.Hardware, p.Workload, mode, p.Deployment);
    }
}
