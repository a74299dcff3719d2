using Life.Engine.Specs;
using Life.Engine.Validation;

namespace Life.Engine.Tests.Validation;

/// <summary>How a measurement row is laid out over its devices: the same checks and deployment as predict --tp --pp --ep.</summary>
public sealed class MeasurementResolverTests
{
    [Fact]
    public void A_vllm_row_on_three_devices_of_a_64_head_model_is_an_invalid_layout_not_a_forecast()
    {
        // vLLM splits every operator: tp = 3 for Llama-2-70B's 64 attention heads, and 64 = 3·21 + 1.
        var (prepared, skipped) = Resolve(Row("vLLM", "llama-2-70b", devices: 3));

        Assert.Empty(prepared);
        var skip = Assert.Single(skipped);
        Assert.Equal(SkipKind.InvalidLayout, skip.Kind);
        Assert.Equal("tp = 3 does not divide the 64 attention heads of 'llama-2-70b'", skip.Reason);
    }

    [Fact]
    public void A_llama_cpp_row_on_three_devices_splits_layers_and_is_forecast()
    {
        // llama.cpp splits layers: pp = 3 over 80 layers is valid, whatever the head count.
        var (prepared, skipped) = Resolve(Row("llama.cpp", "llama-2-70b", devices: 3));

        Assert.Empty(skipped);
        var deployment = Assert.Single(prepared).Deployment;
        Assert.Equal((1, 3, 1), (deployment.TensorParallel, deployment.PipelineParallel, deployment.ExpertParallel));
        Assert.True(deployment.UsesTopology);
        Assert.Equal(Parallelism.Layer, deployment.Parallelism);
    }

    [Theory]
    [InlineData(2, 2, 0, "tp = 2 × pp = 2 is 4 devices, the row has 8")]
    [InlineData(1, 81, 0, "pp = 81 exceeds the 80 layers of 'llama-2-70b'")]
    [InlineData(8, 1, 2, "ep = 2 needs a mixture-of-experts model; 'llama-2-70b' has none")]
    public void A_layout_the_row_states_is_checked_against_its_devices_and_the_model(int tp, int pp, int ep, string reason)
    {
        var devices = tp == 1 ? pp : 8;
        var (prepared, skipped) = Resolve(Row("vLLM", "llama-2-70b", devices) with { Tensor = tp, Pipeline = pp, Expert = ep });

        Assert.Empty(prepared);
        Assert.Equal(SkipKind.InvalidLayout, Assert.Single(skipped).Kind);
        Assert.Equal(reason, skipped[0].Reason);
    }

    [Fact]
    public void A_row_without_a_memory_utilization_gets_vllms_default_and_one_that_gives_it_keeps_it()
    {
        var (defaulted, _) = Resolve(Row("vLLM", "llama-2-7b", devices: 2));
        var (given, _) = Resolve(Row("vLLM", "llama-2-7b", devices: 2) with { MemoryUtilization = 0.5 });

        Assert.Equal(0.9, Assert.Single(defaulted).Deployment.MemoryUtilization);
        Assert.Equal(0.5, Assert.Single(given).Deployment.MemoryUtilization);
    }

    [Fact]
    public void A_tensor_group_larger_than_a_node_pays_the_inter_node_link_on_every_all_reduce()
    {
        // Llama-2-7B (32 layers, hidden 4096) decoding one sequence with vLLM on 16 H100s, 8 per node:
        // the tp group spans two nodes. The same group inside one node (devices_per_node 16) differs in
        // each of the 2 · 32 = 64 all-reduces per step only by the link. An all-reduce of S = 4096 · 2 =
        // 8192 bytes over n = 16 costs 2⌈log2 16⌉ · L = 8 · L (tree) + 2 · 15/16 · S / B. With the
        // catalog's links (inter 50 GB/s, 5 µs; intra 450 GB/s, 2 µs):
        // 64 · ((8 · 5 µs + 15360 / 50e9 s) − (8 · 2 µs + 15360 / 450e9 s)) = 64 · 24.273 µs = 1.5535 ms.
        var spanning = Assert.Single(Resolve(Row("vLLM", "llama-2-7b", devices: 16)).Prepared);
        var oneNode = spanning with { Hardware = spanning.Hardware with { DevicesPerNode = 16 } };
        var h = spanning.Hardware;
        var interGBs = Math.Min(h.InterNodeGBs, h.IntraNodeGBs);
        var interUs = Math.Max(h.InterNodeLatencyUs, h.IntraNodeLatencyUs);
        var expectedMs = 64 * (((8 * interUs * 1e-6) + (15360 / (interGBs * 1e9))) - ((8 * h.IntraNodeLatencyUs * 1e-6) + (15360 / (h.IntraNodeGBs * 1e9)))) * 1e3;

        var tables = new TableCache(Shipped.Defaults);
        var difference = Validator.Forecast(spanning, tables).TpotMs - Validator.Forecast(oneNode, tables).TpotMs;

        Assert.Equal(8, h.DevicesPerNode);
        Assert.InRange(expectedMs, 1.553, 1.554);
        Assert.Equal(expectedMs, difference, 9);
    }

    [Fact]
    public void A_row_whose_model_does_not_fit_is_forecast_flagged_and_kept_out_of_the_statistics()
    {
        // Llama-2-70B in 16 bits is about 69e9 · 2 = 138 GB of weights: more than one 80 GB A100,
        // less than two (69 GB each with tp = 2).
        var (prepared, _) = Resolve(Row("vLLM", "llama-2-70b", devices: 1), Row("vLLM", "llama-2-70b", devices: 2));

        var result = Validator.Run(prepared, [], Shipped.Defaults);

        Assert.Equal([false, true], result.Rows.Select(r => r.Fits));
        Assert.Equal(1, result.NotFitting);
        Assert.Equal(1, result.Overall.Rows);
        Assert.Equal(result.Rows[1].Ape, result.Overall.MedianApe);
        Assert.Equal(result.Rows[1].Ape, result.Metrics["decode_tps"].MedianApe);
    }

    private static (IReadOnlyList<PreparedMeasurement> Prepared, IReadOnlyList<SkippedMeasurement> Skipped) Resolve(params Measurement[] rows) =>
        new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve(rows);

    private static Measurement Row(string framework, string model, int devices) =>
        new("synthetic.csv", devices, "synthetic", model == "llama-2-7b" ? "h100-sxm" : "a100-80gb", double.NaN, double.NaN, double.NaN, double.NaN, devices, framework, model, 16, 16, 16, 1, 128, 128, MeasuredMetric.DecodeTps, 100);
}
