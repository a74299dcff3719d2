namespace Life.Engine.Calibration;

/// <summary>How a defaults fit went: the objective before and after, and median APE per file and metric.</summary>
public sealed record DefaultsFitReport(double LossStart, double LossFitted, IReadOnlyList<(string Name, double Before, double After)> MedianApe);
