using Life.Engine.Specs;

namespace Life.Engine.Validation;

/// <summary>
/// A measurement turned into engine inputs: the device as the catalog and the row describe it
/// (<see cref="RawHardware"/>), the same device with the efficiencies in force (<see cref="Hardware"/>),
/// the model, optimizations as the framework runs them, the workload and the deployment.
/// </summary>
public sealed record PreparedMeasurement(
    Measurement Measurement,
    HardwareSpec RawHardware,
    HardwareSpec Hardware,
    ModelSpec Model,
    Optimizations Optimizations,
    Workload Workload,
    Deployment Deployment,
    FrameworkKind Framework);
