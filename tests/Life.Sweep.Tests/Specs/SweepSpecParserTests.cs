using Life.Engine.Timing;
using Life.Sweep.Specs;

namespace Life.Sweep.Tests.Specs;

public sealed class SweepSpecParserTests
{
    [Fact]
    public void A_spec_becomes_dimensions_in_enumeration_order_with_resolved_names()
    {
        var spec = SpecText.Parse(SpecText.Small);

        Assert.Equal(["model", "weight_bits", "fusion", "hardware", "batch", "input_tokens", "output_tokens"], spec.Dimensions.Select(d => d.Key));
        Assert.Equal(["h100-sxm", "rtx-4090"], spec.Hardware.Select(h => h.Id));
        Assert.Equal(4096, spec.Models[0].HiddenSize);
        Assert.Equal([16, 4.5], spec.Find("weight_bits")!.Numbers);
        Assert.Equal(true, spec.Constraints.MustFit);
        Assert.Equal(2, spec.Objectives.Count);
        Assert.True(spec.Objectives[1].Maximize);
        Assert.Equal(10, spec.ShardSize);
    }

    [Fact]
    public void The_canonical_form_parses_back_to_the_same_spec()
    {
        var spec = SpecText.Parse(SpecText.Small);
        var again = SpecText.Parse(spec.CanonicalJson);

        Assert.Equal(spec.Hash, again.Hash);
        Assert.Equal(spec.CanonicalJson, again.CanonicalJson);
    }

    [Fact]
    public void Hybrid_models_keep_their_linear_attention_and_mamba_layers_through_the_canonical_form()
    {
        var spec = SpecText.Parse("""
            {"hardware": ["h100-sxm"], "models": ["qwen3-next-80b-a3b-instruct", "nemotron-h-8b-base-8k", "llama-3-8b"], "workload": {"input_tokens": [100], "output_tokens": [10]}}
            """);
        var again = SpecText.Parse(spec.CanonicalJson);

        Assert.Equal(spec.Hash, again.Hash);
        var model = again.Models[0];
        Assert.Equal(spec.Models[0].LayerMixers, model.LayerMixers);
        Assert.Equal(36, model.LayersWith('L'));
        Assert.True(model.AttentionOutputGate);
        Assert.Equal((32, 128, 4), (model.LinearValueHeads, model.LinearKeyHeadDim, model.ConvKernel));
        var nemotron = again.Models[1];
        Assert.Equal(spec.Models[1].LayerMixers, nemotron.LayerMixers);
        Assert.Equal((false, false, 128, 8), (nemotron.MlpGated, nemotron.MlpBias ?? nemotron.MlpGated, nemotron.MambaStateSize, nemotron.MambaGroups));

        // Attention-only models write none of the hybrid keys, so their specs and hashes are as before.
        Assert.DoesNotContain("layer_mixers", spec.CanonicalJson[spec.CanonicalJson.IndexOf("\"llama-3-8b\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_specs_are_accepted()
    {
        var spec = SpecText.Parse("""
            {"hardware": ["l4"], "models": ["gemma-2-2b"], "workload": {"input_tokens": [100], "output_tokens": [10, 20]}, "roofline": "whole-model"}
            """);

        Assert.Equal(2, spec.Find("output_tokens")!.Count);
        Assert.Equal(RooflineMode.WholeModel, spec.Roofline);
    }

    [Fact]
    public void Inline_hardware_and_models_are_accepted()
    {
        var spec = SpecText.Parse("""
            hardware:
              - { id: my-gpu, fp16_tflops: 100, bandwidth_gbs: 1000, memory_gb: 48, price_usd_per_hour: 1.5 }
            models:
              - { id: tiny, hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 128, vocab_size: 1000 }
            workload: { input_tokens: [16], output_tokens: [4] }
            """);

        Assert.Equal("my-gpu", spec.Hardware[0].Id);
        Assert.Equal(1.5, spec.Hardware[0].HourlyCostUsd);
        Assert.Equal("tiny", spec.Models[0].Id);
    }

    public static TheoryData<string, string> BadSpecs => new()
    {
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1]}", "workload.output_tokens: missing" },
        { "models: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware: missing" },
        { "hardware: [h100-sxm]\nworkload: {input_tokens: [1], output_tokens: [1]}", "models: missing" },
        { "hardware: [h900]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware[0]: unknown hardware 'h900'" },
        { "hardware: [h100-sxm]\nmodels: [llama-9]\nworkload: {input_tokens: [1], output_tokens: [1]}", "models[0]: unknown model 'llama-9'" },
        { "hardware: [h100-sxm, h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware[1]: 'h100-sxm' appears twice" },
        { "hardware: []\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "hardware: empty list" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [0], output_tokens: [1]}", "workload.input_tokens[0]: 0 must be at least 1" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [-5], output_tokens: [1]}", "workload.input_tokens[0]: -5 must be at least 1" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [many], output_tokens: [1]}", "workload.input_tokens[0]: 'many' is not an integer" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1], batch: [2.5]}", "workload.batch[0]: '2.5' is not an integer" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1], beams: [2]}", "workload.beams: unknown key" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {weight_bits: [0]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.weight_bits[0]: 0 is out of range" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {weight_bits: [4, 4]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.weight_bits[1]: 4 appears twice" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {fusion: [turbo]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.fusion[0]: fusion 'turbo' is not one of eager, flash, full" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {sparsity: [0.5]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.sparsity: unknown key" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {lora_rank: [-1]}\nworkload: {input_tokens: [1], output_tokens: [1]}", "optimizations.lora_rank[0]: -1 must be at least 0" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nobjectives: [fastest]", "objectives[0]: 'fastest' is not min:METRIC or max:METRIC" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nobjectives: [min:speed]", "objectives[0]: 'min:speed'" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nconstraints: {max_latency: 5}", "constraints.max_latency: unknown constraint" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nconstraints: {fits: maybe}", "constraints.fits: 'maybe' is not true or false" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nshard_size: 0", "shard_size: 0 must be at least 1" },
        // MaxShardSize is 10,000,000; 20,000,000 crosses the upper bound, not the lower one.
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nshard_size: 20000000", "shard_size: 20000000 must be at most 10000000" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nroofline: fast", "roofline: 'fast' is not one of per-op, whole-model" },
        { "hardware: [h100-sxm]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}\nshards: 4", "unknown key 'shards'" },
        { "hardware: [h100-sxm\nmodels: [llama-2-7b]", "line " },
        { "- just\n- a list", "expected a mapping" },
        { "hardware: [{fp16_tflops: 10, bandwidth_gbs: -1, memory_gb: 8}]\nmodels: [llama-2-7b]\nworkload: {input_tokens: [1], output_tokens: [1]}", "bandwidth_gbs = -1" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void A_bad_spec_is_rejected_naming_the_field_and_value(string yaml, string message)
    {
        var error = Assert.Throws<SpecException>(() => SpecText.Parse(yaml));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<SpecException>(() => SpecText.Parse("hardware: [h900]\nmodels: [llama-9]\nworkload: {input_tokens: [0]}"));

        Assert.Equal(4, error.Problems.Count);
    }

    [Fact]
    public void A_product_over_ten_billion_needs_allow_huge()
    {
        var values = string.Join(", ", Enumerable.Range(1, 100));
        var yaml = $"hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {{lora_rank: [{values}], chunk: [{values}]}}\nworkload: {{batch: [{values}], input_tokens: [{values}], output_tokens: [{values}, 101]}}";

        var error = Assert.Throws<SpecException>(() => SpecText.Parse(yaml));
        Assert.Contains("over 10^10", error.Message, StringComparison.Ordinal);
        Assert.Equal(10_100_000_000, new Life.Sweep.Space.SweepSpace(SpecText.Parse(yaml, allowHuge: true)).Count);
    }
}
