namespace Life.Engine.Validation;

/// <summary>
/// One prediction against one measurement; APE in percent. <see cref="Fits"/> is false when the
/// model, one prefill's activations and one sequence's KV do not fit in the devices' memory;
/// <see cref="Saturated"/> is true when a rate row's rate is past what the replica sustains (its
/// latencies +∞). Either way the row is reported but kept out of the error statistics.
/// </summary>
public sealed record ValidatedRow(PreparedMeasurement Prepared, double Predicted, bool Fits = true, bool Saturated = false)
{
    public Measurement Measurement => Prepared.Measurement;

    public double Measured => Prepared.Measurement.Value;

    /// <summary>In the error statistics: the model fits and, at a rate, the replica keeps up.</summary>
    public bool IsScored => Fits && !Saturated;

    /// <summary>Signed error in percent: positive when the forecast is too high.</summary>
    public double ErrorPercent => (Predicted - Measured) / Measured * 100;

    public double Ape => Math.Abs(ErrorPercent);
}
