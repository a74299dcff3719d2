using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.SweepClient.Output;

/// <summary>One evaluated configuration, as the CLI reports it.</summary>
internal sealed record Prediction(HardwareSpec Hardware, ModelSpec Model, Optimizations Optimizations, Workload Workload, RooflineMode Roofline, Metrics Metrics, Deployment Deployment = default);
