namespace Life.Engine.Validation;

/// <summary>
/// One row of a measurements CSV (interfaces.md). Spec columns (<see cref="Tflops"/> …) override the
/// catalog entry named by <see cref="Hardware"/> when present; absent numbers are NaN, absent token
/// counts null.
/// </summary>
public sealed record Measurement(
    string File,
    int Line,
    string Source,
    string Hardware,
    double Tflops,
    double Int8Tops,
    double BandwidthGBs,
    double MemoryGB,
    int Devices,
    string Framework,
    string Model,
    double WeightBits,
    double ActBits,
    double KvBits,
    int Batch,
    int? InputTokens,
    int? OutputTokens,
    MeasuredMetric Metric,
    double Value)
{
    public string Where => $"{File} line {Line}";
}
