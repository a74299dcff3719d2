namespace Life.Engine.Validation;

/// <summary>
/// One prediction against one measurement; APE in percent. <see cref="Fits"/> is false when the
/// model, one prefill's activations and one sequence's KV do not fit in the devices' memory: such a
/// row is still forecast and reported, but kept out of the error statistics.
/// </summary>
public sealed record ValidatedRow(PreparedMeasurement Prepared, double Predicted, bool Fits = true)
{
    public Measurement Measurement => Prepared.Measurement;

    public double Measured => Prepared.Measurement.Value;

    /// <summary>Signed error in percent: positive when the forecast is too high.</summary>
    public double ErrorPercent => (Predicted - Measured) / Measured * 100;

    public double Ape => Math.Abs(ErrorPercent);
}
