namespace Life.Engine.Validation;

/// <summary>A measurement that cannot be predicted, and why (never guessed).</summary>
public sealed record SkippedMeasurement(Measurement Measurement, string Reason, SkipKind Kind = SkipKind.Unpredictable);
