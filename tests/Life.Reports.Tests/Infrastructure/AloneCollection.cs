namespace Life.Reports.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's allocations run alone: GC.GetTotalAllocatedBytes counts every
/// thread, so a test class running beside them would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
