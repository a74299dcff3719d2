namespace Life.Sweep.Coordination;

/// <summary>What <c>life-sweep run</c> was asked: the spec, where results go, how many workers.</summary>
public sealed record SweepRunRequest(string SpecPath, string OutputDirectory, int Workers, bool AllowHuge = false);
