namespace Life.Grains.Sweeps;

/// <summary>Where a sweep grain is: never started, running, or ended one of three ways (a resume starts it again).</summary>
[GenerateSerializer]
public enum SweepPhase : byte
{
    Idle = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
