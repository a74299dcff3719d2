using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Operators;

/// <summary>Linear-attention (Gated DeltaNet) and Mamba layers: a constant state per sequence instead of a KV cache, and their own costs.</summary>
public sealed class HybridLayerTests
{
    // Qwen3-Next-80B-A3B: 48 layers, every 4th gated full attention (16 × 256 queries, 2 KV heads of 256),
    // 36 Gated DeltaNet layers (16 q/k heads of 128, 32 v heads of 128, conv kernel 4).
    private static OperatorTable QwenNext() => OperatorTable.Build(Shipped.Catalog.ResolveModel("qwen3-next-80b-a3b-instruct"), new Optimizations(), Shipped.Defaults);

    [Fact]
    public void Qwen3_next_caches_keys_and_values_only_in_its_twelve_full_attention_layers_plus_a_constant_state()
    {
        var table = QwenNext();
        Assert.Equal("LLLA", table.Model.LayerMixers[..4]);
        Assert.Equal(36, table.Model.LayersWith(ModelSpec.LinearAttentionMixer));

        // State per linear layer: recurrent 32 v heads × 128 × 128 = 524,288 elements, conv the last 3
        // inputs of q, k, v: (2 × 2,048 + 4,096) × 3 = 24,576; × 2 B = 1,097,728 B; × 36 = 39,518,208 B.
        Assert.Equal(39_518_208d, table.StateBytesPerSequence, 0);

        // KV per token: 12 layers × K and V × 2 heads × 256 × 2 B = 24,576 B (all 48 layers as attention
        // would be 98,304, 4×). At 32,768 tokens: 24,576 × 32,768 = 805,306,368, + the state = 844,824,576.
        Assert.Equal(844_824_576d, table.KvCacheBytes(32_768), 0);
    }

    [Fact]
    public void Linear_attention_state_does_not_grow_with_the_context_in_decode()
    {
        var table = QwenNext();

        // Only the 12 attention layers' cache grows: 24,576 B per extra token.
        Assert.Equal(24_576d * 32_768, table.KvCacheBytes(65_536) - table.KvCacheBytes(32_768), 0);

        var shortContext = OperatorCounts.Of(table, "delta_rule_recurrent", batch: 1, tokens: 1, past: 1_000);
        var longContext = OperatorCounts.Of(table, "delta_rule_recurrent", batch: 1, tokens: 1, past: 200_000);
        Assert.Equal(shortContext, longContext);

        // The state is read and written once per decode step: 36 × 1,048,576 B each way, plus per token
        // q and k (32 × 128 each), v (4,096), β and decay (32 each) in: (8,192 + 4,096 + 64) × 2 B = 24,704 B.
        Assert.Equal(36 * (1_048_576d + 24_704), shortContext.Read, 0);
        Assert.Equal(36 * (1_048_576d + 8_192), shortContext.Written, 0);
    }

    [Fact]
    public void A_gated_deltanet_layer_decodes_a_token_in_seven_state_passes()
    {
        var decode = OperatorCounts.Of(QwenNext(), "delta_rule_recurrent", batch: 1, tokens: 1, past: 500);

        // Per v head: decay (dk·dv), kᵀS (2·dk·dv), rank-one update (2·dk·dv), qᵀS (2·dk·dv) = 7 × 16,384,
        // plus L2 norms of q and k, 3 × 2 × 32 × 128 = 24,576: 32 × 114,688 + 24,576 = 3,694,592 per
        // layer; × 36 = 133,005,312.
        Assert.Equal(133_005_312d, decode.Ops, 0);
    }

    [Fact]
    public void A_gated_deltanet_layer_prefills_in_chunks_of_sixty_four_at_a_cost_linear_in_the_prompt()
    {
        var prefill = OperatorCounts.Of(QwenNext(), "delta_rule_chunked", batch: 1, tokens: 1_000, past: 0);

        // Per v head and token: 6·dk·dv = 98,304, C·(6·dk + 4·dv) = 64 × 1,280 = 81,920, 2C²/3 = 8,192/3;
        // × 32 heads = 5,767,168 + 262,144/3, plus the q/k norms 24,576: 5,791,744 + 87,381.33 per token.
        // × 1,000 tokens × 36 layers = 208,502,784,000 + 3,145,728,000 = 211,648,512,000.
        Assert.Equal(211_648_512_000d, prefill.Ops, 0);
        var doubled = OperatorCounts.Of(QwenNext(), "delta_rule_chunked", batch: 1, tokens: 2_000, past: 0);
        Assert.Equal(2 * prefill.Ops, doubled.Ops, 0);
    }

    [Fact]
    public void Qwen3_next_has_its_published_parameter_count_but_for_two_tiny_tensors()
    {
        // Published total 79,674,391,296 less what the engine does not model: the q/k norms of the 12
        // attention layers (12 × 2 × 256 = 6,144) and the shared-expert gates (48 × 2,048 = 98,304).
        Assert.Equal(79_674_391_296d - 6_144 - 98_304, QwenNext().ParameterCount, 0);
    }

    [Fact]
    public void Layer_types_full_attention_interval_and_jamba_periods_name_the_mixers()
    {
        const string shape = "\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":8,\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":100";
        const string linear = ",\"linear_num_key_heads\":2,\"linear_num_value_heads\":4,\"linear_key_head_dim\":8,\"linear_value_head_dim\":8,\"linear_conv_kernel_dim\":4";
        var interval = ModelConfigParser.Parse("{\"model_type\":\"qwen3_next\"," + shape + linear + ",\"full_attention_interval\":2}", "a", "a.json");
        Assert.Equal("LALALALA", interval.LayerMixers);

        var types = ModelConfigParser.Parse(
            "{\"model_type\":\"qwen3_next\"," + shape + linear + ",\"layer_types\":[\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\",\"full_attention\",\"linear_attention\",\"linear_attention\",\"linear_attention\"]}",
            "b",
            "b.json");
        Assert.Equal("ALLLALLL", types.LayerMixers);

        // Jamba: attention where i % 4 == 1, Mamba elsewhere; MoE where i % 2 == 1.
        var jamba = ModelConfigParser.Parse(
            "{\"model_type\":\"jamba\"," + shape + ",\"attn_layer_period\":4,\"attn_layer_offset\":1,\"mamba_d_state\":16,\"mamba_d_conv\":4,\"mamba_expand\":2,\"mamba_dt_rank\":8,"
            + "\"num_experts\":4,\"num_experts_per_tok\":2,\"expert_layer_period\":2,\"expert_layer_offset\":1}",
            "j",
            "j.json");
        Assert.Equal("MAMMMAMM", jamba.LayerMixers);
        Assert.Equal(4, jamba.MoeLayerCount);
        Assert.True(jamba.IsMoeLayer(1) && !jamba.IsMoeLayer(0));
    }

    [Fact]
    public void Mamba_layers_hold_d_inner_by_d_state_plus_the_convolution_window()
    {
        const string shape = "\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":4,\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":100,\"mamba_d_state\":16,\"mamba_d_conv\":4";

        // Mamba-1 (Jamba): d_inner = 2 × 64 = 128; state 128 × 16 + conv 128 × 3 = 2,432 elements × 2 B
        // = 4,864 B per Mamba layer; 3 of 4 layers: 14,592 B.
        var jamba = OperatorTable.Build(
            ModelConfigParser.Parse("{\"model_type\":\"jamba\"," + shape + ",\"attn_layer_period\":4,\"attn_layer_offset\":3,\"mamba_expand\":2,\"mamba_dt_rank\":\"auto\"}", "j", "j.json"),
            new Optimizations(),
            Shipped.Defaults);
        Assert.Equal(14_592d, jamba.StateBytesPerSequence, 0);

        // Mamba-2 (Bamba): 8 heads of 16 = 128 channels, one group; state 128 × 16 = 2,048, conv over
        // x, B and C: (128 + 2 × 16) × 3 = 480; (2,048 + 480) × 2 B = 5,056 B; 3 Mamba layers: 15,168 B.
        var bamba = OperatorTable.Build(
            ModelConfigParser.Parse("{\"model_type\":\"bamba\"," + shape + ",\"attn_layer_indices\":[2],\"mamba_n_heads\":8,\"mamba_d_head\":16,\"mamba_n_groups\":1}", "b", "b.json"),
            new Optimizations(),
            Shipped.Defaults);
        Assert.Equal("MMAM", bamba.Model.LayerMixers);
        Assert.Equal(15_168d, bamba.StateBytesPerSequence, 0);

        // Decode of a Mamba-2 layer: 6 ops per state element (128 × 16 × 6 = 12,288) and 5 per channel
        // (640), × 3 layers = 38,784, whatever the context.
        Assert.Equal(38_784d, OperatorCounts.Of(bamba, "ssd_recurrent", 1, 1, 10).Ops, 0);
        Assert.Equal(38_784d, OperatorCounts.Of(bamba, "ssd_recurrent", 1, 1, 10_000).Ops, 0);
    }

    [Fact]
    public void Jamba_mini_keeps_attention_kv_in_four_layers_and_mamba_state_in_twenty_eight()
    {
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("jamba-1.5-mini"), new Optimizations(), Shipped.Defaults);
        Assert.Equal(4, table.Model.LayersWith(ModelSpec.AttentionMixer));

        // State: 28 × (8,192 × 16 + 8,192 × 3) × 2 B = 28 × 311,296 = 8,716,288 B; KV 4 × 2 × 8 × 128 × 2 B
        // = 16,384 B per token (as 32 attention layers: 131,072).
        Assert.Equal(8_716_288d, table.StateBytesPerSequence, 0);
        Assert.Equal(16_384d * 1_000 + 8_716_288, table.KvCacheBytes(1_000), 0);

        // Parameters by hand: tables 2 × 65,536 × 4,096 = 536,870,912; attention 4 × 41,943,040; Mamba
        // 28 × (in 67,108,864 + conv 40,960 + x_proj 2,359,296 + dt_proj 2,105,344 + A 131,072 + D 8,192
        // + out 33,554,432 = 105,308,160); dense MLP 16 × 176,160,768; MoE 16 × (router 65,536 + 16 ×
        // 176,160,768); norms 32 × 8,192 + 4,096. Total 51,570,315,264.
        Assert.Equal(51_570_315_264d, table.ParameterCount, 0);
    }

    [Fact]
    public void Tensor_parallel_ranks_split_the_linear_attention_state_but_replicate_the_two_kv_heads()
    {
        // tp = 4 over 2 KV heads: each KV head on 2 ranks. At 1,024 tokens: KV 24,576 × 1,024 = 25,165,824,
        // × 2 copies = 50,331,648, + the state 39,518,208 (32 v heads split 8 per rank) = 89,849,856 over 4 ranks.
        var perDevice = Life.Engine.Serving.KvCapacity.SequenceBytesPerDevice(QwenNext(), Deployment.For(new Life.Engine.Parallel.ParallelPlan(4, 1, 1)), 1_024);
        Assert.Equal(22_462_464d, perDevice, 0);
    }

    [Fact]
    public void Nemotron_h_layers_are_single_mamba_attention_or_mlp_blocks()
    {
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("nemotron-h-8b-base-8k"), new Optimizations(), Shipped.Defaults);
        Assert.Equal("m-m-m-m", table.Model.LayerMixers[..7]);
        Assert.Equal((24, 4, 24), (table.Model.LayersWith(ModelSpec.MambaMixer), table.Model.LayersWith(ModelSpec.AttentionMixer), table.Model.LayersWith(ModelSpec.NoMixer)));

        // Mamba-2 state: 24 × (8,192 × 128 + (8,192 + 2 × 8 × 128) × 3) × 2 B = 24 × 2,158,592 = 51,806,208 B;
        // KV 4 × 2 × 8 × 128 × 2 B = 16,384 B per token.
        Assert.Equal(51_806_208d, table.StateBytesPerSequence, 0);
        Assert.Equal(16_384d * 8_192 + 51_806_208, table.KvCacheBytes(8_192), 0);

        // Parameters by hand: tables 2 × 131,072 × 4,096 = 1,073,741,824; 24 Mamba blocks × (norm 4,096 +
        // in_proj 4,096 × 18,560 + conv 10,240 × 5 + A, D, dt 384 + gated norm 8,192 + out_proj 8,192 × 4,096
        // = 109,640,064); 4 attention blocks × (4,096 + 2 × 16,777,216 + 2 × 4,194,304 = 41,947,136); 24
        // MLP blocks × (4,096 + 2 × 4,096 × 21,504, squared ReLU, no gate, no bias = 176,164,864); final
        // norm 4,096. Total 8,100,852,736.
        Assert.Equal(8_100_852_736d, table.ParameterCount, 0);
    }

    [Fact]
    public void Falcon_h1_layers_run_attention_and_mamba_side_by_side_and_keep_both_caches()
    {
        // Falcon-H1-Tiny-90M's shape: 24 layers of 8 query heads, 2 KV heads of 64, and Mamba-2 with
        // d_ssm 768 (24 heads of 32), d_state 64, one group, conv 4; mamba_d_head may be "auto".
        var config = """
            {"model_type":"falcon_h1","hidden_size":512,"intermediate_size":768,"num_hidden_layers":24,"num_attention_heads":8,
             "num_key_value_heads":2,"head_dim":64,"vocab_size":32768,"mamba_d_ssm":768,"mamba_n_heads":24,"mamba_d_head":"auto",
             "mamba_d_state":64,"mamba_n_groups":1,"mamba_d_conv":4,"max_position_embeddings":262144}
            """;
        var table = OperatorTable.Build(ModelConfigParser.Parse(config, "f", "f.json"), new Optimizations(), Shipped.Defaults);
        Assert.Equal(24, table.Model.LayersWith(ModelSpec.ParallelMixer));

        // Every layer: KV 2 × 2 × 64 × 2 B = 512 B per token, and a state of 768 × 64 + (768 + 2 × 64) × 3
        // = 51,840 elements × 2 B = 103,680 B. × 24: 12,288 B per token and 2,488,320 B per sequence.
        Assert.Equal(2_488_320d, table.StateBytesPerSequence, 0);
        Assert.Equal(12_288d * 100 + 2_488_320, table.KvCacheBytes(100), 0);
        Assert.True(OperatorCounts.Has(table, "attention") && OperatorCounts.Has(table, "ssd_recurrent"));
        Assert.False(OperatorCounts.Has(table, "mamba_add_norm"));
    }

    [Fact]
    public void Nemotron_h_moe_blocks_are_expert_layers_without_a_mixer()
    {
        // "ME*E": Mamba-2 alone, MoE alone, attention alone, MoE alone; 4 experts of 12, top-2, and a
        // shared expert 24 wide (two expert widths).
        var config = """
            {"model_type":"nemotron_h","hidden_size":64,"intermediate_size":128,"num_hidden_layers":4,"num_attention_heads":4,
             "num_key_value_heads":2,"vocab_size":100,"hybrid_override_pattern":"ME*E","mamba_num_heads":8,"mamba_head_dim":16,
             "ssm_state_size":16,"n_groups":1,"conv_kernel":4,"mlp_hidden_act":"relu2","mlp_bias":false,
             "n_routed_experts":4,"num_experts_per_tok":2,"moe_intermediate_size":12,"moe_shared_expert_intermediate_size":24}
            """;
        var model = ModelConfigParser.Parse(config, "n", "n.json");
        Assert.Equal("mEaE", model.LayerMixers);
        Assert.Equal(2, model.MoeLayerCount);
        Assert.Equal(2, model.NumSharedExperts);

        // Two MoE layers of plain up/down experts: 4 × 2 × 64 × 12 weights each; no dense MLP anywhere.
        var table = OperatorTable.Build(model, new Optimizations(), Shipped.Defaults);
        Assert.False(OperatorCounts.Has(table, "up_proj"));
        double expertLayers = 0;
        foreach (var op in table.Operators)
        {
            expertLayers += op.Kind == OperatorKind.MoeExperts ? op.Layers : 0;
        }

        Assert.Equal(2d, expertLayers);
    }

    [Fact]
    public void A_float32_state_doubles_the_recurrent_state_but_not_the_convolution_window()
    {
        const string config = """
            {"model_type":"qwen3_next","hidden_size":64,"intermediate_size":128,"num_hidden_layers":4,"num_attention_heads":4,
             "num_key_value_heads":2,"vocab_size":100,"linear_num_key_heads":2,"linear_num_value_heads":4,"linear_key_head_dim":8,
             "linear_value_head_dim":8,"linear_conv_kernel_dim":4,"full_attention_interval":4%DTYPE%}
            """;
        var bf16 = OperatorTable.Build(ModelConfigParser.Parse(config.Replace("%DTYPE%", "", StringComparison.Ordinal), "a", "a.json"), new Optimizations(), Shipped.Defaults);
        var fp32 = OperatorTable.Build(ModelConfigParser.Parse(config.Replace("%DTYPE%", ",\"mamba_ssm_dtype\":\"float32\"", StringComparison.Ordinal), "b", "b.json"), new Optimizations(), Shipped.Defaults);

        // 3 linear layers: recurrent 4 × 8 × 8 = 256 elements, conv (2 × 16 + 32) × 3 = 192 (16-bit always).
        Assert.Equal(3 * ((256 * 2d) + (192 * 2)), bf16.StateBytesPerSequence, 0);
        Assert.Equal(3 * ((256 * 4d) + (192 * 2)), fp32.StateBytesPerSequence, 0);
    }

    [Fact]
    public void Evaluating_hybrid_and_latent_attention_models_allocates_nothing()
    {
        var hardware = Shipped.Catalog.ResolveHardware("h100-sxm");
        var workload = new Workload { Batch = 4, InputTokens = 4_096, OutputTokens = 256 };
        foreach (var id in new[] { "qwen3-next-80b-a3b-instruct", "deepseek-v2-lite", "nemotron-h-8b-base-8k" })
        {
            var table = OperatorTable.Build(Shipped.Catalog.ResolveModel(id), new Optimizations { ChunkSize = 1_024 }, Shipped.Defaults);
            var cost = new Life.Engine.Serving.StepCost(table, hardware, Deployment.Single);
            Life.Engine.Timing.Evaluator.Evaluate(table, hardware, workload);
            cost.Seconds(8, 2_000, 1, 512, 1_024);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var metrics = Life.Engine.Timing.Evaluator.Evaluate(table, hardware, workload);
            var step = cost.Seconds(8, 2_000, 1, 512, 1_024) + cost.VerifySeconds(8, 32, 2_000);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
            Assert.True(metrics.TtftMs > 0 && step > 0);
        }
    }

    [Fact]
    public void Layouts_the_engine_cannot_time_are_refused_not_timed_as_attention()
    {
        const string shape = "\"hidden_size\":64,\"intermediate_size\":128,\"num_hidden_layers\":4,\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":100";
        var nemotron = Assert.Throws<EngineInputException>(() => ModelConfigParser.Parse("{\"model_type\":\"nemotron_h\"," + shape + ",\"hybrid_override_pattern\":\"MX*E\",\"mamba_num_heads\":8,\"mamba_head_dim\":16}", "n", "n.json"));
        Assert.Contains("hybrid_override_pattern block 'X'", nemotron.Message, StringComparison.Ordinal);
        Assert.Throws<EngineInputException>(() => ModelConfigParser.Parse("{\"model_type\":\"nemotron_h\"," + shape + ",\"hybrid_override_pattern\":\"ME*E\",\"mamba_num_heads\":8,\"mamba_head_dim\":16}", "n", "n.json"));
        Assert.Throws<EngineInputException>(() => ModelConfigParser.Parse("{" + shape + ",\"layer_types\":[\"mamba\",\"attention\"]}", "x", "x.json"));
    }
}
