namespace Life.IntegrationTests.Infrastructure;

/// <summary>
/// One finished sweep for the `pareto` tests, run in-process once: 288 configurations in shards of
/// 50, with a hardware entry that has no price or power, so cost and energy are null in a third of
/// the rows.
/// </summary>
public sealed class ParetoSweep : IAsyncLifetime
{
    public const string Spec = """
        name: pareto-integration
        hardware: [h100-sxm, rtx-4090, {id: mystery-npu, fp16_tflops: 60, bandwidth_gbs: 250, memory_gb: 48}]
        models: [mistral-7b, llama-2-7b]
        optimizations:
          weight_bits: [16, 4.5]
          kv_bits: [16, 8]
        workload:
          batch: [1, 8, 32]
          input_tokens: [128, 2048]
          output_tokens: [64, 256]
        constraints: { fits: true, max_ttft_ms: 2000 }
        objectives: [min:cost_per_mtok, min:tpot_ms, max:throughput_tps]
        shard_size: 50
        """;

    private readonly TempDirectory _temp = new();

    public string Output => _temp.Combine("out");

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public async Task InitializeAsync()
    {
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var run = await Cli.RunAsync("run", spec, "--out", Output);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
