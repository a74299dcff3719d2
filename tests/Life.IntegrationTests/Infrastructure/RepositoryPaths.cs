namespace Life.IntegrationTests.Infrastructure;

/// <summary>Locations in the repository and build output, found by walking up to LifeSweep.slnx.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The life-sweep CLI assembly built beside these tests (a project reference copies it here).</summary>
    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "life-sweep.dll");

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
