namespace Life.Engine.Calibration;

/// <summary>
/// Efficiencies fitted for one device (and optionally one framework) from its own measurements,
/// with how well they fit: the median APE of those rows before and after.
/// </summary>
public sealed record DeviceCalibration(
    string Hardware,
    string? Framework,
    double ComputeEfficiency,
    double MemoryEfficiency,
    double DispatchUs,
    int Rows,
    double MedianApeBefore,
    double MedianApeAfter);
