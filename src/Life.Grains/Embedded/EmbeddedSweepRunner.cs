using Life.Checkpoints;
using Life.Engine;
using Life.Grains.Hosting;
using Life.Grains.Sweeps;
using Life.Sweep.Checkpoints;
using Life.Sweep.Coordination;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Life.Grains.Embedded;

/// <summary>
/// <c>life-sweep run</c>: the whole sweep in this process, on the same grains as a cluster, hosted
/// by an in-process silo (<see cref="EmbeddedSilo"/>). Checkpoints go to <c>DIR/checkpoint.db</c>
/// (SQLite), results to <c>DIR/results</c>. Rerunning the same command resumes.
/// </summary>
public static class EmbeddedSweepRunner
{
    public const string CheckpointFile = "checkpoint.db";

    public static async Task<SweepSummary> RunAsync(SweepRunRequest request, ISweepObserver observer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);

        // Everything that can be wrong with the input is found before the output directory is touched.
        var spec = SweepSpecParser.ParseFile(request.SpecPath, Life.Engine.Catalog.BuiltInCatalog.LoadShipped(), request.AllowHuge);
        var space = new SweepSpace(spec);
        var output = Path.GetFullPath(request.OutputDirectory);
        CheckOutputDirectory(output);
        var identity = new SweepIdentity($"local-{spec.Hash[..16]}", spec.Name, spec.Hash, spec.CanonicalJson, space.Count, spec.ShardSize, space.ShardCount, output);

        Directory.CreateDirectory(output);
        await using var store = await SqliteCheckpointStore.OpenAsync(Path.Combine(output, CheckpointFile), cancellation);
        await store.OpenSweepAsync(identity, cancellation);
        var sweep = new SweepContext(identity, spec, store);

        var catalog = new InProcessSweepCatalog();
        catalog.Register(sweep);
        var workers = Math.Max(1, request.Workers);
        using var silo = EmbeddedSilo.Build(catalog, workers);
        await silo.StartAsync(cancellation);
        try
        {
            var driver = new SweepDriver(silo.Services.GetRequiredService<IGrainFactory>(), TimeSpan.FromMilliseconds(200), ", rerun to resume", "; rerun to resume");
            return await driver.RunAsync(sweep, observer, start: true, cancellation);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    private static void CheckOutputDirectory(string output)
    {
        if (File.Exists(output))
        {
            throw new EngineInputException($"--out '{output}' is a file, not a directory");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, CheckpointFile)))
        {
            throw new EngineInputException($"--out '{output}' exists and is not a LifeSweep output directory (no {CheckpointFile}); choose a new or empty directory");
        }
    }
}
