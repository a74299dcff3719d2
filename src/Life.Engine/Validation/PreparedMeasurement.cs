using Life.Engine.Specs;

namespace Life.Engine.Validation;

/// <summary>A measurement turned into engine inputs: everything needed to predict it.</summary>
public sealed record PreparedMeasurement(
    Measurement Measurement,
    HardwareSpec Hardware,
    ModelSpec Model,
    Optimizations Optimizations,
    Workload Workload,
    Deployment Deployment,
    FrameworkKind Framework);
