namespace Life.Reports.Tests.Infrastructure;

/// <summary>Paths in the repository, found by walking up from the test binaries to LifeSweep.slnx.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string QuickStartSpec => Path.Combine(Root, "examples", "quickstart.yaml");

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
