namespace Life.Engine.Timing;

/// <summary>Accumulates one phase (prefill or decode) while its step runs are evaluated.</summary>
internal struct PhaseTotals
{
    public double Seconds;
    public double ComputeBoundSeconds;
    public double RooflineSeconds;
    public double Ops;
    public double Bytes;
    public double FirstStepBytes;
}
