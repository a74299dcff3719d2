using Life.Checkpoints;
using Life.Sweep.Checkpoints;
using Life.Grains.Embedded;
using Life.Sweep.Coordination;
using Life.Sweep.Specs;

namespace Life.Grains.Tests.Embedded;

public sealed class EmbeddedSweepRunnerTests : IDisposable
{
    // 16,000 configurations in 8 shards of 2,000: milliseconds each.
    private const string Spec = """
        name: concurrency
        hardware: [h100-sxm, rtx-4090]
        models: [llama-3-8b, mistral-7b]
        optimizations: {weight_bits: [16, 8, 4.5, 4], kv_bits: [16, 8], fusion: [flash, full]}
        workload:
          batch: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
          input_tokens: [128, 256, 512, 1024, 2048]
          output_tokens: [64, 128, 256, 512, 1024]
        shard_size: 2000
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("embedded-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_workers_evaluate_shards_at_the_same_time_and_one_worker_never_does()
    {
        var two = await ShardIntervalsAsync(workers: 2, "two");
        var one = await ShardIntervalsAsync(workers: 1, "one");

        Assert.Equal(8, two.Count);
        Assert.True(Overlaps(two), "with two workers no two shards were ever evaluated at once");
        Assert.False(Overlaps(one), "one worker evaluated two shards at once");
    }

    private async Task<IReadOnlyList<ShardRecord>> ShardIntervalsAsync(int workers, string name)
    {
        var specPath = Path.Combine(_dir, "spec.yaml");
        await File.WriteAllTextAsync(specPath, Spec);
        var output = Path.Combine(_dir, name);
        await EmbeddedSweepRunner.RunAsync(new SweepRunRequest(specPath, output, workers), new SilentObserver(), CancellationToken.None);
        var spec = SweepSpecParser.ParseFile(specPath, Life.Engine.Catalog.BuiltInCatalog.LoadShipped());
        await using var store = await SqliteCheckpointStore.OpenAsync(Path.Combine(output, "checkpoint.db"), CancellationToken.None);
        return await store.CompletedShardsAsync($"local-{spec.Hash[..16]}", CancellationToken.None);
    }

    private static bool Overlaps(IReadOnlyList<ShardRecord> shards)
    {
        var sorted = shards.OrderBy(s => s.Started).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Started < sorted[i - 1].Finished)
            {
                return true;
            }
        }

        return false;
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
