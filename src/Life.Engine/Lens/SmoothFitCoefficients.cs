namespace Life.Engine.Lens;

/// <summary>
/// The smooth baseline for one batch: E2E ≈ <see cref="InterceptMs"/> + <see cref="PerInputMs"/>·input +
/// <see cref="PerOutputMs"/>·output + <see cref="PerInputOutputMs"/>·input·output (the last is 0 when the
/// runs could not determine it).
/// </summary>
public readonly struct SmoothFitCoefficients
{
    public SmoothFitCoefficients(int batch, double interceptMs, double perInputMs, double perOutputMs, double perInputOutputMs)
    {
        Batch = batch;
        InterceptMs = interceptMs;
        PerInputMs = perInputMs;
        PerOutputMs = perOutputMs;
        PerInputOutputMs = perInputOutputMs;
    }

    public int Batch { get; }

    public double InterceptMs { get; }

    public double PerInputMs { get; }

    public double PerOutputMs { get; }

    public double PerInputOutputMs { get; }

    public double E2eMs(double input, double output) => InterceptMs + (PerInputMs * input) + (PerOutputMs * output) + (PerInputOutputMs * input * output);

    /// <summary>TTFT is the fit at output 1; TPOT the slope in output, c + d·input (context-dependent decode).</summary>
    public LatencyPrediction Predict(int input, int output)
    {
        var ttft = E2eMs(input, 1);
        var tpot = PerOutputMs + (PerInputOutputMs * input);
        return new LatencyPrediction(ttft, tpot, E2eMs(input, output), Batch);
    }
}
