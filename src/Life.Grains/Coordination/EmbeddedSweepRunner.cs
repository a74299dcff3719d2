using Life.Sweep.Coordination;
using Life.Checkpoints;
using Life.Engine;
using Life.Sweep.Checkpoints;
using Life.Grains.Messaging;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Life.Grains.Coordination;

/// <summary>
/// <c>life-sweep run</c>: the whole sweep in this process. Shard workers consume from MassTransit's
/// in-memory transport (the same consumer that runs over RabbitMQ on a cluster), checkpoints go to
/// <c>DIR/checkpoint.db</c> (SQLite), results to <c>DIR/results</c>. Rerunning the same command resumes.
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

        var directory = new InProcessSweepDirectory();
        directory.Register(sweep);
        var retry = ShardRetryPolicy.Default;
        var services = new ServiceCollection();
        services.AddSingleton<ISweepDirectory>(directory);
        services.AddSingleton<IShardWorker>(new ShardWorker(WorkerIdentity.ForThisProcess("embedded").Name));
        services.AddSingleton(WorkerIdentity.ForThisProcess("embedded"));
        services.AddSingleton(retry);
        services.AddSingleton(new WorkerConcurrency(Math.Max(1, request.Workers)));
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<EvaluateShardConsumer, EvaluateShardConsumerDefinition>();
            bus.UsingInMemory((context, configure) => configure.ConfigureEndpoints(context));
        });

        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync(cancellation);
        try
        {
            var coordinator = new SweepCoordinator(new MassTransitShardDispatcher(control), retry);
            return await coordinator.RunAsync(sweep, observer, cancellation);
        }
        finally
        {
            await control.StopAsync(CancellationToken.None);
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
