namespace Life.Engine.Parallel;

/// <summary>Why a <see cref="ParallelPlan"/> cannot run a model (sweeps flag the row; predict rejects the input).</summary>
public enum ParallelIssue : byte
{
    None = 0,
    NotPositive = 1,
    HeadsNotDivisible = 2,
    KvHeadsNotDivisible = 3,
    TooFewLayers = 4,
    ExpertsNotDivisible = 5,
}
