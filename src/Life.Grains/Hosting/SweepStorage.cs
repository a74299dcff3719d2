namespace Life.Grains.Hosting;

/// <summary>The grain storage provider the sweep grain's state is written to (memory embedded, AdoNet on a cluster).</summary>
public static class SweepStorage
{
    public const string Name = "sweeps";
}
