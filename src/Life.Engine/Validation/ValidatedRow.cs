namespace Life.Engine.Validation;

/// <summary>One prediction against one measurement; APE in percent.</summary>
public sealed record ValidatedRow(PreparedMeasurement Prepared, double Predicted)
{
    public Measurement Measurement => Prepared.Measurement;

    public double Measured => Prepared.Measurement.Value;

    /// <summary>Signed error in percent: positive when the forecast is too high.</summary>
    public double ErrorPercent => (Predicted - Measured) / Measured * 100;

    public double Ape => Math.Abs(ErrorPercent);
}
