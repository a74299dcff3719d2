using Life.Checkpoints;
using Life.Grains.Embedded;
using Life.Grains.Sweeps;
using Life.Sweep.Checkpoints;
using Life.Sweep.Coordination;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Life.Grains.Tests.Cluster;

/// <summary>The sweep grains on a 3-silo cluster in this process (Microsoft.Orleans.TestingHost).</summary>
public sealed class InProcessClusterTests : IAsyncLifetime
{
    // 16,000 configurations in 64 shards of 250.
    private const string Spec = """
        name: three-silos
        hardware: [h100-sxm, rtx-4090]
        models: [llama-3-8b, mistral-7b]
        optimizations: {weight_bits: [16, 8, 4.5, 4], kv_bits: [16, 8], fusion: [flash, full]}
        workload:
          batch: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
          input_tokens: [128, 256, 512, 1024, 2048]
          output_tokens: [64, 128, 256, 512, 1024]
        shard_size: 250
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("grain-cluster-").FullName;
    private readonly ITestOutputHelper _log;
    private TestCluster _cluster = null!;

    public InProcessClusterTests(ITestOutputHelper log)
    {
        _log = log;
    }

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<TestSilos>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Three_silos_write_the_dataset_the_embedded_run_writes_and_share_the_shards()
    {
        var expected = await EmbeddedAsync("embedded");
        var (output, records) = await ClusterRunAsync("cluster", afterShards: null);

        AssertSameDataset(expected, output);
        var perWorker = records.GroupBy(r => r.Worker).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (worker, shards) in perWorker)
        {
            _log.WriteLine($"{worker}: {shards} shards");
        }

        Assert.Equal(3, perWorker.Count);
    }

    [Fact]
    public async Task A_silo_stopped_mid_sweep_loses_nothing()
    {
        var expected = await EmbeddedAsync("embedded");
        var (output, records) = await ClusterRunAsync("killed", afterShards: 8);

        AssertSameDataset(expected, output);
        Assert.Equal(64, records.Count);
        Assert.Equal(64, records.Select(r => r.Shard).Distinct().Count());
    }

    private async Task<string> EmbeddedAsync(string name)
    {
        var output = Path.Combine(_dir, name);
        await EmbeddedSweepRunner.RunAsync(new SweepRunRequest(await SpecPathAsync(), output, 2), new SilentObserver(), CancellationToken.None);
        return output;
    }

    /// <param name="afterShards">When that many shards are done, kill a silo (no graceful stop).</param>
    private async Task<(string Output, IReadOnlyList<ShardRecord> Records)> ClusterRunAsync(string name, int? afterShards)
    {
        var spec = SweepSpecParser.ParseFile(await SpecPathAsync(), Life.Engine.Catalog.BuiltInCatalog.LoadShipped());
        var space = new SweepSpace(spec);
        var output = Path.Combine(_dir, name);
        Directory.CreateDirectory(output);
        var identity = new SweepIdentity($"local-{spec.Hash[..16]}-{name}", spec.Name, spec.Hash, spec.CanonicalJson, space.Count, spec.ShardSize, space.ShardCount, output);
        await using var store = await SqliteCheckpointStore.OpenAsync(Path.Combine(output, EmbeddedSweepRunner.CheckpointFile), CancellationToken.None);
        await store.OpenSweepAsync(identity, CancellationToken.None);
        var sweep = new SweepContext(identity, spec, store);
        TestSilos.Catalog.Register(sweep);

        var driver = new SweepDriver(_cluster.Client, TimeSpan.FromMilliseconds(100), ", rerun to resume", string.Empty);
        var run = driver.RunAsync(sweep, new SilentObserver(), start: true, CancellationToken.None);
        if (afterShards is { } threshold)
        {
            while ((await store.ProgressAsync(identity.Id, CancellationToken.None)).Shards < threshold)
            {
                await Task.Delay(10);
            }

            await _cluster.KillSiloAsync(_cluster.SecondarySilos[0]);
            _log.WriteLine($"killed a silo with {(await store.ProgressAsync(identity.Id, CancellationToken.None)).Shards} shards done");
        }

        var summary = await run.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(space.Count, summary.Configurations);
        return (output, await store.CompletedShardsAsync(identity.Id, CancellationToken.None));
    }

    private static void AssertSameDataset(string expected, string actual)
    {
        var files = Directory.GetFiles(Path.Combine(expected, "results")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(Path.Combine(actual, "results")).Select(Path.GetFileName).Order().ToList());
        foreach (var file in files.Append("../pareto.parquet"))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expected, "results", file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, "results", file!))),
                $"{file} differs from the embedded run's");
        }
    }

    private async Task<string> SpecPathAsync()
    {
        var path = Path.Combine(_dir, "spec.yaml");
        await File.WriteAllTextAsync(path, Spec);
        return path;
    }

    private sealed class SilentObserver : ISweepObserver
    {
        public void OnStarted(SweepProgress progress)
        {
        }

        public void OnProgress(SweepProgress progress)
        {
        }

        public void OnMessage(string message)
        {
        }
    }
}
