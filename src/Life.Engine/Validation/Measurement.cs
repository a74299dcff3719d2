namespace Life.Engine.Validation;

/// <summary>
/// One row of a measurements CSV (interfaces.md). Spec columns (<see cref="Tflops"/> …) override the
/// catalog entry named by <see cref="Hardware"/> when present; absent numbers are NaN, absent token
/// counts null. The optional layout columns (<see cref="Tensor"/>, <see cref="Pipeline"/>,
/// <see cref="Expert"/>) are 0 when not given: the framework's own split of <see cref="Devices"/>
/// is assumed; an absent <see cref="MemoryUtilization"/> is NaN (vLLM's default 0.9). A row with a
/// request rate (<see cref="Qps"/>, NaN when not given) measures a server under Poisson arrivals, not
/// a static batch.
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
    double Value,
    int Tensor = 0,
    int Pipeline = 0,
    int Expert = 0,
    double MemoryUtilization = double.NaN,
    double Qps = double.NaN)
{
    public string Where => $"{File} line {Line}";
}
