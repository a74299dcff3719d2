using Life.Engine.Specs;

namespace Life.Engine.Timing;

/// <summary>
/// Board power at a load between idle and TDP: P = P_idle + (P_tdp − P_idle) · u. The utilization u of
/// a stretch of time comes from the roofline's split of it: time in compute-bound operators counts as
/// u = 1 (the tensor units run flat out: prefill GEMMs draw close to TDP), the rest of the time a device
/// is working as u = <see cref="MemoryBoundActivity"/>: memory-bound operators (HBM streams at full rate
/// but the SMs stall on it) and the time outside the roofline (kernel launch gaps, synchronization,
/// collectives), during which the device stays clocked up with work in flight rather than idling. So
/// over T seconds of work of which C are compute-bound, E = P_idle · T + (P_tdp − P_idle) · (C + a · (T − C)).
/// A device waiting for the others (a pipeline stage) draws idle power.
/// </summary>
/// <remarks>
/// Why a = 0.3: on an H200 (TDP 700 W) memory-bound decode of GQA, MLA and linear-attention models
/// draws 137–300 W (Ma et al., "The Illusion of Power Capping in LLM Decode", arXiv 2605.11999,
/// abstract); with about 80 W idle that is (137..300 − 80) / (700 − 80) = 0.09–0.35 of the dynamic
/// range; an H100 SXM serving a 3.8B model at batch 1 draws 267 W of its 700 W
/// (http://api.serialalice.pt/alice-benchmark, "267–680 W", b1 to b128), (267 − 77) / 623 = 0.30,
/// and up to 680 W at batch 128, near u = 1. Counting the launch gaps with memory-bound time (not at
/// idle) is what makes batch-1 decode, where they are most of TPOT, come out at 77 + 0.3 · 623 = 264 W
/// on an H100 against the 267 W measured; at idle it came out near 120 W.
/// </remarks>
public static class BoardPower
{
    /// <summary>Utilization of time spent in memory-bound operators (see the remarks).</summary>
    public const double MemoryBoundActivity = 0.3;

    /// <summary>
    /// Idle power as a fraction of TDP when the hardware entry gives no <c>idle_power_w</c>: the device
    /// holding a model with a CUDA (or equivalent) context, waiting. Datacenter GPU: an H200 idles at
    /// 80.3 W of 700 W (0.115; http://api.serialalice.pt/alice-benchmark, "ghost power"), and the CUDA
    /// context alone adds 26–50 W over bare idle on H100/A100 (Vadari, "The Model Parking Tax", arXiv
    /// 2605.23918), so 0.11. Consumer GPU: 0.1 (GDDR cards stay in a higher memory-clock state with a
    /// context, +66 W on an L40S in the same paper; a 450 W RTX 4090 at 30–45 W, from memory, not
    /// verified). CPU: 0.2 (a mobile package idles at a few watts of its 28 W; server parts idle higher;
    /// from memory, not verified). Unified-memory GPU and NPU: 0.1 (from memory, not verified).
    /// </summary>
    public static double DefaultIdleFraction(DeviceClass deviceClass) => deviceClass switch
    {
        DeviceClass.DatacenterGpu => 0.11,
        DeviceClass.Cpu => 0.2,
        _ => 0.1,
    };

    /// <summary>The device's idle power in W: its <c>idle_power_w</c>, else the class fraction of its TDP; NaN without power.</summary>
    public static double IdleW(in HardwareSpec hardware) =>
        double.IsNaN(hardware.IdlePowerW) ? hardware.PowerW * DefaultIdleFraction(hardware.DeviceClass) : hardware.IdlePowerW;

    /// <summary>Utilization-weighted busy seconds of <paramref name="workingSeconds"/>: the compute-bound ones at 1, the rest at <see cref="MemoryBoundActivity"/>.</summary>
    public static double BusySeconds(double computeBoundSeconds, double workingSeconds) =>
        computeBoundSeconds + (MemoryBoundActivity * Math.Max(workingSeconds - computeBoundSeconds, 0));

    /// <summary>
    /// Joules one device draws over <paramref name="wallSeconds"/> of which <paramref name="busySeconds"/>
    /// are utilization-weighted busy time (at most the wall time: a device cannot be more than fully busy).
    /// </summary>
    public static double EnergyJ(in HardwareSpec hardware, double wallSeconds, double busySeconds)
    {
        var idle = IdleW(hardware);
        return (idle * wallSeconds) + ((hardware.PowerW - idle) * Math.Min(busySeconds, wallSeconds));
    }
}
