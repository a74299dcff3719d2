namespace Life.SweepClient.Tests.Commands;

/// <summary>`run` refuses bad input with exit code 2, one line per problem, and leaves the output directory alone.</summary>
public sealed class RunCommandTests : IDisposable
{
    private const string Valid = "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [16], output_tokens: [4]}\n";

    private readonly string _temp = Directory.CreateTempSubdirectory("life-run-tests-").FullName;

    public static TheoryData<string, string> BadSpecs => new()
    {
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1]}", "workload.output_tokens: missing" },
        { "models: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware: missing" },
        { "hardware: [h100-sxm]\nworkload: {input_tokens: [1], output_tokens: [1]}", "models: missing" },
        { "hardware: [h900]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware[0]: unknown hardware 'h900'" },
        { "hardware: [h100-sxm]\nmodels: [llama-9]\nworkload: {input_tokens: [1], output_tokens: [1]}", "models[0]: unknown model 'llama-9'" },
        { "hardware: [missing-file.json]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware[0]: hardware file" },
        { "hardware: [h100-sxm, H100-SXM]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware[1]: 'h100-sxm' appears twice" },
        { "hardware: []\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware: empty list" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [0], output_tokens: [1]}", "workload.input_tokens[0]: 0 must be at least 1" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [-3]}", "workload.output_tokens[0]: -3 must be at least 1" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [lots], output_tokens: [1]}", "workload.input_tokens[0]: 'lots' is not an integer" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1], batch: [0]}", "workload.batch[0]: 0 must be at least 1" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1], beams: [2]}", "workload.beams: unknown key" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {weight_bits: [0]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.weight_bits[0]: 0 is out of range" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {weight_bits: [64]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.weight_bits[0]: 64 is out of range" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {kv_bits: [8, 8]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.kv_bits[1]: 8 appears twice" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {fusion: [turbo]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.fusion[0]: fusion 'turbo'" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {lora_mode: [fused]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.lora_mode[0]: lora_mode 'fused'" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {chunk: [-256]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.chunk[0]: -256 must be at least 0" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {sparsity: [0.5]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.sparsity: unknown key" },
        { Valid + "objectives: [fastest]", "objectives[0]: 'fastest' is not min:METRIC or max:METRIC" },
        { Valid + "objectives: [min:tpot_ms, max:tpot_ms]", "objectives[1]: 'max:tpot_ms' names a metric twice" },
        { Valid + "constraints: {max_latency: 5}", "constraints.max_latency: unknown constraint" },
        { Valid + "constraints: {max_ttft_ms: soon}", "constraints.max_ttft_ms: 'soon' is not a number" },
        { Valid + "constraints: {fits: maybe}", "constraints.fits: 'maybe' is not true or false" },
        { Valid + "shard_size: 0", "shard_size: 0 must be at least 1" },
        { Valid + "roofline: fast", "roofline: 'fast' is not one of per-op, whole-model" },
        { Valid + "shards: 4", "unknown key 'shards'" },
        { "hardware: [h100-sxm\nmodels: [llama-2-7b]", "line " },
        { "just a sentence", "expected a mapping" },
        { string.Empty, "expected a mapping" },
        { "hardware: [{id: x, fp16_tflops: 10, bandwidth_gbs: -1, memory_gb: 8}]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "bandwidth_gbs = -1" },
        { "hardware: [h100-sxm]\nmodels: [{hidden_size: 8}]\nworkload: {input_tokens: [1], output_tokens: [1]}", "models[0]: an inline model needs an 'id'" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task A_malformed_spec_exits_with_two_names_the_field_and_writes_nothing(string yaml, string message)
    {
        var spec = Path.Combine(_temp, "spec.yaml");
        await File.WriteAllTextAsync(spec, yaml);
        var output = Path.Combine(_temp, "out");

        var run = await CliRun.Of("run", spec, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_missing_spec_file_is_bad_input()
    {
        var run = await CliRun.Of("run", Path.Combine(_temp, "nope.yaml"), "--out", Path.Combine(_temp, "out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.yaml' cannot be read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_is_not_a_sweep_is_left_alone()
    {
        var spec = Path.Combine(_temp, "spec.yaml");
        await File.WriteAllTextAsync(spec, Valid);
        var output = Directory.CreateDirectory(Path.Combine(_temp, "precious")).FullName;
        await File.WriteAllTextAsync(Path.Combine(output, "thesis.tex"), "do not touch");

        var run = await CliRun.Of("run", spec, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a LifeSweep output directory", run.Error, StringComparison.Ordinal);
        Assert.Equal(["thesis.tex"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_directory_holding_another_sweep_is_refused()
    {
        var spec = Path.Combine(_temp, "spec.yaml");
        var output = Path.Combine(_temp, "out");
        await File.WriteAllTextAsync(spec, Valid);
        Assert.Equal(0, (await CliRun.Of("run", spec, "--out", output)).ExitCode);
        await File.WriteAllTextAsync(spec, Valid.Replace("[4]", "[5]", StringComparison.Ordinal));

        var run = await CliRun.Of("run", spec, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already holds another sweep", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_workers_is_bad_input()
    {
        var spec = Path.Combine(_temp, "spec.yaml");
        await File.WriteAllTextAsync(spec, Valid);

        var run = await CliRun.Of("run", spec, "--out", Path.Combine(_temp, "out"), "--workers", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--workers 0", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
