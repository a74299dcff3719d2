using System.Text.Json;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.SweepClient.Tests.Commands;

public sealed class PredictCommandTests
{
    private static readonly string[] ContractFields =
    [
        "ttft_ms", "tpot_ms", "e2e_ms", "per_user_tps", "throughput_tps", "prefill_tps", "decode_tps", "memory_gb", "fits",
        "prefill_ops", "prefill_bytes", "decode_bytes_per_token", "kv_cache_gib",
    ];

    [Fact]
    public async Task Json_output_has_every_contract_field_and_equals_the_engine()
    {
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--batch", "8", "--input", "2048", "--output", "256", "--weight-bits", "4", "--fusion", "flash", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        foreach (var field in ContractFields)
        {
            Assert.True(json.RootElement.TryGetProperty(field, out _), $"missing {field}");
        }

        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations { WeightBits = 4, Fusion = FusionLevel.Flash }, Shipped.Defaults);
        var expected = Evaluator.Evaluate(table, Shipped.Catalog.ResolveHardware("h100-sxm"), new Workload(8, 2048, 256));
        Assert.Equal(expected.TtftMs, json.RootElement.GetProperty("ttft_ms").GetDouble(), 9);
        Assert.Equal(expected.TpotMs, json.RootElement.GetProperty("tpot_ms").GetDouble(), 9);
        Assert.Equal(expected.Fits, json.RootElement.GetProperty("fits").GetBoolean());
        Assert.Equal(expected.OutputTps, json.RootElement.GetProperty("output_tps").GetDouble(), 9);
        Assert.Equal(expected.CostPerMOutputTokens, json.RootElement.GetProperty("cost_per_m_output_tokens").GetDouble(), 9);
        Assert.Equal(expected.EnergyJPerOutputToken, json.RootElement.GetProperty("energy_j_per_output_token").GetDouble(), 9);
        Assert.Equal(expected.MeanPowerW, json.RootElement.GetProperty("mean_power_w").GetDouble(), 9);
    }

    [Fact]
    public async Task Cost_and_energy_per_generated_token_charge_the_prompt_to_the_output()
    {
        // 8 × (2048 + 256) tokens, 8 × 256 of them generated: the same request costs 9 times more per
        // generated token than per token of either kind.
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--batch", "8", "--input", "2048", "--output", "256", "--json");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;

        Assert.Equal(9 * root.GetProperty("cost_per_mtok").GetDouble(), root.GetProperty("cost_per_m_output_tokens").GetDouble(), 9);
        Assert.Equal(9 * root.GetProperty("energy_j_per_token").GetDouble(), root.GetProperty("energy_j_per_output_token").GetDouble(), 9);
        Assert.Equal(root.GetProperty("throughput_tps").GetDouble() / 9, root.GetProperty("output_tps").GetDouble(), 6);

        var text = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--batch", "8", "--input", "2048", "--output", "256");
        Assert.Contains("USD per million generated tokens", text.Output, StringComparison.Ordinal);
        Assert.Contains("J per generated token", text.Output, StringComparison.Ordinal);
        Assert.Contains("generated tokens/s", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_hardware_and_efficiency_overrides_are_used()
    {
        var run = await CliRun.Of("predict", "--tflops", "100", "--bandwidth-gbs", "1000", "--memory-gb", "24", "--model", "llama-2-7b", "--output", "2", "--compute-eff", "1", "--memory-eff", "1", "--dispatch-us", "0", "--roofline", "whole-model", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);

        // One decode step, memory-bound in the whole-model form: TPOT = its bytes / (1 × 1000 GB/s).
        var bytes = json.RootElement.GetProperty("decode_bytes_per_token").GetDouble();
        Assert.Equal(bytes / 1e12 * 1e3, json.RootElement.GetProperty("tpot_ms").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cost_per_mtok").ValueKind);
    }

    [Fact]
    public async Task A_multimodal_config_is_predicted_from_its_text_model_with_a_note_that_the_vision_tower_is_not_modelled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vlm-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {"model_type":"llava","vocab_size":32000,
             "text_config":{"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"intermediate_size":11008},
             "vision_config":{"model_type":"clip_vision_model","hidden_size":1024}}
            """);
        try
        {
            var json = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", path, "--json");
            var text = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", path);

            Assert.Equal(0, json.ExitCode);
            using var document = JsonDocument.Parse(json.Output);
            var notes = document.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
            Assert.Contains(notes, n => n!.Contains("vision tower not modelled", StringComparison.Ordinal));

            Assert.Equal(0, text.ExitCode);
            Assert.Contains("note: vision tower not modelled", text.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_context_past_the_models_positions_is_bad_input_on_one_line()
    {
        // llama-3-8b was trained for 8,192 positions; 200,000 + 256 is far past them.
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--input", "200000", "--output", "256");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_position_embeddings = 8192", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_context_ending_exactly_at_the_models_last_position_is_predicted()
    {
        // 8,000 + 192 = 8,192 = max_position_embeddings.
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--input", "8000", "--output", "192", "--json");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_text_model_prediction_has_no_notes()
    {
        var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("notes").GetArrayLength());
    }

    [Fact]
    public async Task The_table_output_names_the_configuration_and_says_whether_it_fits()
    {
        var run = await CliRun.Of("predict", "--hardware", "rtx-4090", "--model", "llama-2-70b");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("llama-2-70b on rtx-4090", run.Output, StringComparison.Ordinal);
        Assert.Contains("DOES NOT FIT", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown hardware 'h900'", "predict", "--hardware", "h900", "--model", "llama-3-8b")]
    [InlineData("unknown model 'llama-9'", "predict", "--hardware", "h100-sxm", "--model", "llama-9")]
    [InlineData("batch = 0", "predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--batch", "0")]
    [InlineData("input tokens = -5", "predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--input", "-5")]
    [InlineData("weight_bits = 0", "predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--weight-bits", "0")]
    [InlineData("'--batch'", "predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--batch", "many")]
    [InlineData("'turbo'", "predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--fusion", "turbo")]
    [InlineData("'--model' is required", "predict", "--hardware", "h100-sxm")]
    [InlineData("no hardware", "predict", "--model", "llama-3-8b")]
    [InlineData("bandwidth_gbs = -1", "predict", "--tflops", "10", "--bandwidth-gbs", "-1", "--model", "llama-3-8b")]
    [InlineData("compute_eff = 1.5", "predict", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--compute-eff", "1.5")]
    public async Task Bad_input_exits_with_two_and_one_line_naming_the_value(string message, params string[] args)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_malformed_config_file_is_bad_input_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"hidden_size\": 8,");
        try
        {
            var run = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", path);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(path, run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
