namespace Life.Engine.Lens;

/// <summary>A test run no method was scored on, and why (the device could not have run it as profiled).</summary>
public readonly record struct SkippedRow(BucketMeasurement Measured, string Reason);
