using Life.Engine.Validation;

namespace Life.Engine.Calibration;

/// <summary>A prepared measurement with its weight in a fit (rows of one experiment share weight 1).</summary>
internal readonly record struct FitRow(PreparedMeasurement Prepared, double Weight);
