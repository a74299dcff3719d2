namespace Life.Cluster.Tests.Infrastructure;

/// <summary>Locations in the repository, found by walking up from the test binaries to LifeSweep.slnx.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration these tests were built with, so the processes match.</summary>
    public static string Configuration { get; } = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))!);

    public static string SiloDll => Built("Life.Silo", "life-silo.dll");

    public static string ClientDll => Built("Life.SweepClient", "life-sweep.dll");

    public static string LocalCluster => Path.Combine(Root, "deploy", "local-cluster.sh");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first (bash eng/test.sh does).");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LifeSweep.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"LifeSweep.slnx not found above {AppContext.BaseDirectory}.");
    }
}
