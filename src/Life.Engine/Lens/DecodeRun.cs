namespace Life.Engine.Lens;

/// <summary>A calibration run with output &gt; 1: its prefill bucket index and the decode bucket index of its first step.</summary>
internal readonly record struct DecodeRun(BucketMeasurement Row, int Prefill, int FirstDecode);
