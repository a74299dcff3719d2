using System.Runtime.CompilerServices;
using Life.Engine.Specs;

namespace Life.Engine.Timing;

/// <summary>
/// Attainable rates of a device as reciprocals (seconds per operation per precision, seconds per
/// byte, seconds per dispatch), so the hot loop multiplies instead of dividing.
/// </summary>
internal readonly struct RooflineRates
{
    private readonly double _fp16;
    private readonly double _fp8;
    private readonly double _int8;
    private readonly double _int4;

    public RooflineRates(in HardwareSpec hardware)
    {
        var efficiency = hardware.ComputeEfficiency;
        _fp16 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Fp16));
        _fp8 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Fp8));
        _int8 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Int8));
        _int4 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Int4));
        SecondsPerByte = 1 / (hardware.MemoryEfficiency * hardware.BandwidthGBs * 1e9);
        DispatchSeconds = hardware.DispatchOverheadUs * 1e-6;
    }

    public double SecondsPerByte { get; }

    public double DispatchSeconds { get; }

    /// <summary>Seconds per operation in <paramref name="precision"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SecondsPerOp(Precision precision) => precision switch
    {
        Precision.Fp8 => _fp8,
        Precision.Int8 => _int8,
        Precision.Int4 => _int4,
        _ => _fp16,
    };
}
