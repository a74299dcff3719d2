using System.Runtime.CompilerServices;
using Life.Engine.Specs;

namespace Life.Engine.Timing;

/// <summary>Attainable rates of a device: operations per second per precision, bytes per second, seconds per dispatch.</summary>
internal readonly struct RooflineRates
{
    private readonly double _fp16;
    private readonly double _fp8;
    private readonly double _int8;
    private readonly double _int4;

    public RooflineRates(in HardwareSpec hardware)
    {
        var efficiency = hardware.ComputeEfficiency;
        _fp16 = efficiency * hardware.PeakOpsPerSecond(Precision.Fp16);
        _fp8 = efficiency * hardware.PeakOpsPerSecond(Precision.Fp8);
        _int8 = efficiency * hardware.PeakOpsPerSecond(Precision.Int8);
        _int4 = efficiency * hardware.PeakOpsPerSecond(Precision.Int4);
        Memory = hardware.MemoryEfficiency * hardware.BandwidthGBs * 1e9;
        DispatchSeconds = hardware.DispatchOverheadUs * 1e-6;
    }

    public double Memory { get; }

    public double DispatchSeconds { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Compute(Precision precision) => precision switch
    {
        Precision.Fp8 => _fp8,
        Precision.Int8 => _int8,
        Precision.Int4 => _int4,
        _ => _fp16,
    };
}
