using System.Collections.Immutable;

namespace Life.Engine.Lens;

/// <summary>The runs read from a bucket file, and the one device (hardware column) they name, if any.</summary>
public sealed record BucketData(string Source, ImmutableArray<BucketMeasurement> Rows, string? Hardware);
