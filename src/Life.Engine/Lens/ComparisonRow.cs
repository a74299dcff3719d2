namespace Life.Engine.Lens;

/// <summary>One test run with each method's predicted end-to-end time (NaN where a method was not run).</summary>
public readonly struct ComparisonRow
{
    public ComparisonRow(BucketMeasurement measured, double lensMs, double smoothMs, double rooflineMs)
    {
        Measured = measured;
        LensMs = lensMs;
        SmoothMs = smoothMs;
        RooflineMs = rooflineMs;
    }

    public BucketMeasurement Measured { get; }

    public double LensMs { get; }

    public double SmoothMs { get; }

    public double RooflineMs { get; }
}
