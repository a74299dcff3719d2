using System.Text.Json;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.SweepClient.Tests.Commands;

public sealed class PredictParallelCommandTests
{
    [Fact]
    public async Task Tensor_parallel_predict_equals_the_engine_on_the_node_topology()
    {
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-70b", "--tp", "4", "--batch", "32", "--input", "1024", "--output", "128", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-70b"), new Optimizations(), Shipped.Defaults);
        var expected = Evaluator.Evaluate(table, Shipped.Catalog.ResolveHardware("h100-sxm"), new Workload(32, 1024, 128), RooflineMode.PerOperator, Deployment.For(new ParallelPlan(4, 1, 1)));
        Assert.Equal(expected.TpotMs, json.RootElement.GetProperty("tpot_ms").GetDouble(), 9);
        Assert.Equal(4, json.RootElement.GetProperty("devices").GetInt32());
        Assert.Equal(expected.MaxConcurrency, json.RootElement.GetProperty("max_concurrency").GetDouble());
        Assert.True(json.RootElement.GetProperty("fits").GetBoolean());
    }

    [Fact]
    public async Task A_batch_past_the_kv_capacity_reports_its_waves()
    {
        // Llama-3-8B on a 24 GB card: 16 GB of weights leave room for a few 8k-token sequences only.
        var run = await CliRun.Of("predict", "--hardware", "rtx-4090", "--model", "llama-3-8b", "--batch", "64", "--input", "8000", "--output", "192", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var concurrency = json.RootElement.GetProperty("max_concurrency").GetDouble();
        Assert.InRange(concurrency, 1, 63);
        Assert.Equal((int)Math.Ceiling(64 / concurrency), json.RootElement.GetProperty("waves").GetInt32());
        Assert.True(json.RootElement.GetProperty("fits").GetBoolean());
    }

    [Theory]
    [InlineData("--tp", "3", "tp = 3 does not divide the 64 attention heads")]
    [InlineData("--pp", "81", "pp = 81 exceeds the 80 layers")]
    [InlineData("--ep", "2", "ep = 2 needs a mixture-of-experts model")]
    public async Task An_impossible_split_is_bad_input_with_one_line(string option, string value, string message)
    {
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-70b", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Speculative_decoding_shortens_tpot_and_keeps_ttft()
    {
        var plain = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--json");
        var speculative = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--spec-k", "4", "--spec-alpha", "0.8", "--draft-cost", "0.05", "--json");

        Assert.Equal(0, speculative.ExitCode);
        using var a = JsonDocument.Parse(plain.Output);
        using var b = JsonDocument.Parse(speculative.Output);
        Assert.Equal(a.RootElement.GetProperty("ttft_ms").GetDouble(), b.RootElement.GetProperty("ttft_ms").GetDouble());

        // At batch 1 the verification pass costs about one step: TPOT near (4 × 0.05 + 1) / 3.36 of plain.
        var ratio = b.RootElement.GetProperty("tpot_ms").GetDouble() / a.RootElement.GetProperty("tpot_ms").GetDouble();
        Assert.InRange(ratio, 1.2 / 3.3616, 1.5 / 3.3616);
    }

    [Fact]
    public async Task An_acceptance_rate_above_one_is_bad_input()
    {
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--spec-k", "2", "--spec-alpha", "2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("acceptance rate = 2 must be in [0, 1]", run.Error, StringComparison.Ordinal);
    }
}
