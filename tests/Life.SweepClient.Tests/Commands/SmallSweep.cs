namespace Life.SweepClient.Tests.Commands;

/// <summary>
/// A tiny finished sweep (24 configurations, one hardware entry without a price so that cost is
/// null there), run once in-process for the tests that read a dataset.
/// </summary>
public sealed class SmallSweep : IAsyncLifetime
{
    public const string Spec = """
        name: small
        hardware: [h100-sxm, {id: mystery-npu, fp16_tflops: 60, bandwidth_gbs: 250, memory_gb: 48}]
        models: [llama-2-7b]
        optimizations: {weight_bits: [16, 4.5]}
        workload: {batch: [1, 8, 32], input_tokens: [128, 2048], output_tokens: [64]}
        constraints: {fits: true, max_ttft_ms: 2000}
        objectives: [min:tpot_ms, max:throughput_tps]
        shard_size: 7
        """;

    public string Root { get; } = Directory.CreateTempSubdirectory("life-pareto-cli-").FullName;

    public string Output => Path.Combine(Root, "out");

    public async Task InitializeAsync()
    {
        var spec = Path.Combine(Root, "spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var run = await CliRun.Of("run", spec, "--out", Output, "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
