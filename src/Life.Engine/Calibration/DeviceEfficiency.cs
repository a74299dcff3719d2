namespace Life.Engine.Calibration;

/// <summary>Default efficiencies of a group of devices (vendor and class), fitted from measurements.</summary>
public sealed record DeviceEfficiency(double ComputeEfficiency, double MemoryEfficiency, double DispatchUs, double HalfEfficiencyTokens, double Overlap = 1);
