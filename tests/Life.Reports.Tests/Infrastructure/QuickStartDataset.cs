using Life.SweepClient;

namespace Life.Reports.Tests.Infrastructure;

/// <summary>The README's quick start (examples/quickstart.yaml, 153,600 rows), swept once by the real `run` command.</summary>
public sealed class QuickStartDataset : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("life-report-quickstart-").FullName;

    public string Output => Path.Combine(Root, "out");

    public async Task InitializeAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(["run", Repository.QuickStartSpec, "--out", Output], output, error);
        Assert.True(code == 0, output.ToString() + error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
