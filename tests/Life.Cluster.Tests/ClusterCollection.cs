namespace Life.Cluster.Tests;

/// <summary>
/// Every cluster test runs alone: they share two cores, the servers, and (for the restart tests)
/// restart those servers under everyone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
