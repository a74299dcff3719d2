using Life.IntegrationTests.Infrastructure;

namespace Life.IntegrationTests;

/// <summary>
/// Crash safety of `life-sweep run`: the CLI as a child process, killed (SIGKILL) at random points
/// several times, then rerun to completion, gives the same dataset, byte for byte, as one
/// uninterrupted run.
/// </summary>
public sealed class SweepKillTests : IDisposable
{
    // 5 × 5 × 4 × 2 × 2 × 2 × 8 × 6 × 4 = 153,600 configurations in 120 shards of 1,280.
    private const string Spec = """
        name: kill-test
        hardware: [h100-sxm, h200, a100-80gb, rtx-4090, rtx-3090]
        models: [llama-3-8b, llama-3-70b, llama-2-13b, mistral-7b, gemma-2-2b]
        optimizations:
          weight_bits: [16, 8, 4.5, 4]
          fusion: [flash, full]
          kv_bits: [16, 8]
          chunk: [0, 512]
        workload:
          batch: [1, 2, 4, 8, 16, 32, 64, 128]
          input_tokens: [128, 512, 1024, 2048, 4096, 8192]
          output_tokens: [128, 256, 512, 1024]
        constraints: { fits: true, max_ttft_ms: 2000 }
        objectives: [min:cost_per_mtok, min:tpot_ms]
        shard_size: 1280
        """;

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Killing_the_run_at_random_points_and_rerunning_gives_the_uninterrupted_dataset()
    {
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var reference = _temp.Combine("reference");
        using (var clean = CliProcess.Start("run", spec, "--out", reference, "--workers", "2"))
        {
            Assert.Equal(0, clean.WaitForExit(TimeSpan.FromMinutes(5)));
        }

        var crashed = _temp.Combine("crashed");
        var random = new Random(20261122);
        var kills = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var run = CliProcess.Start("run", spec, "--out", crashed, "--workers", "2");
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(400, 2500)));
            if (!run.HasExited)
            {
                run.Kill();
                kills++;
            }
        }

        Assert.True(kills >= 2, "the run finished before it could be killed; make the spec larger");
        Assert.False(File.Exists(Path.Combine(crashed, "_SUCCESS")) && kills == 4, "a killed run must not have completed");
        using (var final = CliProcess.Start("run", spec, "--out", crashed, "--workers", "2"))
        {
            Assert.Equal(0, final.WaitForExit(TimeSpan.FromMinutes(5)));
        }

        Assert.Equal(DatasetFingerprint.Of(reference), DatasetFingerprint.Of(crashed));
        var count = DuckDb.Query($"SELECT count(*) AS n, count(DISTINCT config_id) AS d FROM {DuckDb.Literal(Path.Combine(crashed, "results", "*.parquet"))}")[0][0];
        Assert.Equal("153600", count.GetProperty("n").ToString());
        Assert.Equal("153600", count.GetProperty("d").ToString());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(crashed, "results"), "*.staging"));
    }

    public void Dispose() => _temp.Dispose();
}
