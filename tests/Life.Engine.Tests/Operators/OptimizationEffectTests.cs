using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Operators;

/// <summary>
/// How each optimization changes the tiny model's counts (hidden 8, 2 layers, 2 heads / 1 KV head of
/// dim 4, MLP 16, vocab 10), derived by hand from life-model.md §3. Step: batch 1, 3 new tokens.
/// </summary>
public sealed class OptimizationEffectTests
{
    private static readonly Optimizations Eager = new() { Fusion = FusionLevel.Eager };

    private static (double Ops, double Read, double Written) Count(Optimizations options, string name, int batch = 1, int tokens = 3, int past = 0) =>
        OperatorCounts.Of(OperatorTable.Build(TinyModel.Spec, options, Shipped.Defaults), name, batch, tokens, past);

    [Theory]
    // 4-bit integer: 0.5 B per weight + FP16 scale and zero per group of 128 (4/128 B): 64 weights → 34 B.
    [InlineData(4.0, 34.0)]
    // 4.5 bits (llama.cpp Q4_0) already includes its block scales: 64 × 4.5/8 = 36 B.
    [InlineData(4.5, 36.0)]
    // 8-bit integer: 64 × (1 + 4/128) = 66 B.
    [InlineData(8.0, 66.0)]
    [InlineData(16.0, 128.0)]
    public void Weight_bits_set_the_bytes_of_every_linear_weight(double bits, double weightBytesPerLayer)
    {
        var counts = Count(Eager with { WeightBits = bits }, "q_proj");

        // Input rows: 3 × 8 × 2 B = 48 per layer.
        Assert.Equal(2 * (weightBytesPerLayer + 48), counts.Read, 9);
    }

    [Fact]
    public void Quantized_weights_add_two_dequantization_ops_per_weight_per_step()
    {
        var bf16 = Count(Eager, "q_proj");
        var int4 = Count(Eager with { WeightBits = 4 }, "q_proj");

        Assert.Equal(2 * 2 * 64, int4.Ops - bf16.Ops, 9);
    }

    [Fact]
    public void Quantized_activations_are_read_at_their_width_and_use_integer_arithmetic()
    {
        var options = Eager with { WeightBits = 8, ActivationBits = 8 };
        var counts = Count(options, "q_proj");
        var table = OperatorTable.Build(TinyModel.Spec, options, Shipped.Defaults);

        // Weights 66 B + input 3 × 8 × 1 B; ops 384 + dequant 128 + activation quantization 2 × 8 × 3.
        Assert.Equal(2 * (66 + 24), counts.Read, 9);
        Assert.Equal(2 * (384 + 128 + 48), counts.Ops, 9);
        Assert.Contains(table.Operators.ToArray(), op => op.Name == "q_proj" && op.Precision == Precision.Int8);
    }

    [Fact]
    public void Eight_bit_kv_halves_cache_traffic_and_adds_quantization_ops()
    {
        var options = Eager with { KvBits = 8 };
        var update = Count(options, "kv_cache_update");
        var scores = Count(options, "attention_scores");

        // Cache append: 3 tokens × 8 elements × 1 B written, 2 ops per element quantized.
        Assert.Equal(2 * 24, update.Written, 9);
        Assert.Equal(2 * 48, update.Ops, 9);

        // Scores read K at 1 B: 3 keys × 4 = 12 B (+ q 48 B) and dequantize it: 2 × 4 × 3 = 24 ops.
        Assert.Equal(2 * 60, scores.Read, 9);
        Assert.Equal(2 * (144 + 24), scores.Ops, 9);
    }

    [Fact]
    public void Grouped_query_attention_stores_a_cache_the_size_of_its_kv_heads()
    {
        var gqa = OperatorTable.Build(TinyModel.Spec, Eager, Shipped.Defaults);
        var mha = OperatorTable.Build(TinyModel.With("\"num_key_value_heads\":2"), Eager, Shipped.Defaults);

        // Per token: keys and values × KV heads × 4 × 2 B × 2 layers.
        Assert.Equal(2 * 1 * 4 * 2 * 2, gqa.KvCacheBytes(1), 9);
        Assert.Equal(2 * 2 * 4 * 2 * 2, mha.KvCacheBytes(1), 9);
        Assert.Equal(2 * Count(Eager, "k_proj").Ops, OperatorCounts.Of(mha, "k_proj", 1, 3, 0).Ops, 9);
    }

    [Fact]
    public void Flash_attention_drops_the_score_matrix_and_skips_masked_pairs()
    {
        var flash = Count(Eager with { Fusion = FusionLevel.Flash }, "attention");

        // Causal pairs 1 + 2 + 3 = 6; per pair 2 heads × (2·4 + 2·4 + 6) = 44 ops.
        Assert.Equal(2 * 6 * 44, flash.Ops, 9);

        // Reads q (48 B) and K, V (3 × 8 × 2 B = 48 B); writes the output (48 B): no scores.
        Assert.Equal(2 * 96, flash.Read, 9);
        Assert.Equal(2 * 48, flash.Written, 9);
        Assert.False(OperatorCounts.Has(OperatorTable.Build(TinyModel.Spec, Eager with { Fusion = FusionLevel.Flash }, Shipped.Defaults), "softmax"));
    }

    [Fact]
    public void Full_fusion_merges_projections_and_folds_rope_and_cache_writes_into_attention()
    {
        var full = Eager with { Fusion = FusionLevel.Full };
        var qkv = Count(full, "qkv_proj");
        var attention = Count(full, "attention");

        // One 8→16 GEMM reads its input once: 768 ops, 256 + 48 B read, 96 B written.
        Assert.Equal(2 * 768, qkv.Ops, 9);
        Assert.Equal(2 * 304, qkv.Read, 9);
        Assert.Equal(2 * 96, qkv.Written, 9);

        // Attention + RoPE (3 × 12 × 3 = 108 ops) + reading the new k, v (48 B) and writing them to the cache (48 B).
        Assert.Equal(2 * (264 + 108), attention.Ops, 9);
        Assert.Equal(2 * (96 + 48), attention.Read, 9);
        Assert.Equal(2 * (48 + 48), attention.Written, 9);
    }

    [Fact]
    public void Fusion_levels_launch_fewer_kernels_as_they_fuse_more()
    {
        var eager = OperatorTable.Build(TinyModel.Spec, Eager, Shipped.Defaults).CountStep(1, 1, 4).Dispatches;
        var flash = OperatorTable.Build(TinyModel.Spec, Eager with { Fusion = FusionLevel.Flash }, Shipped.Defaults).CountStep(1, 1, 4).Dispatches;
        var full = OperatorTable.Build(TinyModel.Spec, Eager with { Fusion = FusionLevel.Full }, Shipped.Defaults).CountStep(1, 1, 4).Dispatches;

        Assert.True(eager > flash && flash > full, $"eager {eager}, flash {flash}, full {full}");
    }

    [Fact]
    public void An_unmerged_lora_adapter_adds_its_low_rank_products_to_every_projection()
    {
        var counts = Count(Eager with { LoraRank = 2 }, "lora_adapter");

        // Per token Σ 2r(k+n) + n over q (8,8), k (8,4), v (8,4), o (8,8), gate (8,16), up (8,16), down (16,8):
        // 72 + 52 + 52 + 72 + 112 + 112 + 104 = 576; × 3 tokens × 2 layers.
        Assert.Equal(576 * 3 * 2, counts.Ops, 9);

        // A and B in 16 bits: Σ r(k+n) × 2 B = 512 B per layer; per token Σ (k + r + 2n) × 2 B = 412 B.
        Assert.Equal(2 * (512 + (412 * 3)), counts.Read, 9);
    }

    [Fact]
    public void Merging_inline_costs_two_r_plus_one_k_n_ops_per_projection_once_per_request()
    {
        var table = OperatorTable.Build(TinyModel.Spec, Eager with { LoraRank = 2, LoraMode = LoraMode.MergeInline }, Shipped.Defaults);

        // (2r+1) × Σ k·n = 5 × 576 per layer, 2 layers.
        Assert.Equal(5 * 576 * 2, table.CountSetup().Ops, 9);
        Assert.False(OperatorCounts.Has(table, "lora_adapter"));
    }

    [Fact]
    public void Merging_inline_adds_the_merge_to_time_to_first_token_only()
    {
        var device = new HardwareSpec { Fp16Tflops = 1e-9, BandwidthGBs = 1e9, MemoryGB = 1 };
        var work = new Workload(1, 3, 4);
        var plain = Evaluator.Evaluate(OperatorTable.Build(TinyModel.Spec, Eager, Shipped.Defaults), device, work);
        var merging = Evaluator.Evaluate(OperatorTable.Build(TinyModel.Spec, Eager with { LoraRank = 2, LoraMode = LoraMode.MergeInline }, Shipped.Defaults), device, work);

        // Compute-bound device at 1000 ops/s × 0.5 efficiency: 5760 merge ops take 11.52 s.
        Assert.Equal(5760 / 500.0 * 1000, merging.TtftMs - plain.TtftMs, 6);
        Assert.Equal(plain.TpotMs, merging.TpotMs, 9);
    }

    [Fact]
    public void A_lora_adapter_merged_offline_costs_nothing()
    {
        var merged = OperatorTable.Build(TinyModel.Spec, Eager with { LoraRank = 2, LoraMode = LoraMode.Merged }, Shipped.Defaults);
        var plain = OperatorTable.Build(TinyModel.Spec, Eager, Shipped.Defaults);

        Assert.Equal(plain.CountStep(1, 3, 0).Ops, merged.CountStep(1, 3, 0).Ops);
        Assert.Equal(plain.WeightBytes, merged.WeightBytes);
    }

    [Fact]
    public void Chunked_prefill_rereads_the_weights_per_chunk_and_attends_to_earlier_chunks()
    {
        var device = new HardwareSpec { Fp16Tflops = 1, BandwidthGBs = 1, MemoryGB = 1 };
        var flash = Eager with { Fusion = FusionLevel.Flash };
        var whole = Evaluator.Evaluate(OperatorTable.Build(TinyModel.Spec, flash, Shipped.Defaults), device, new Workload(1, 5, 2));
        var chunked = OperatorTable.Build(TinyModel.Spec, flash with { ChunkSize = 2 }, Shipped.Defaults);
        var inChunks = Evaluator.Evaluate(chunked, device, new Workload(1, 5, 2));

        // Chunks of 2, 2 and 1 tokens: causal pairs 3 + 7 + 5 = 15 = 5·6/2, the same attention work;
        // the only extra ops are the per-step LM head (2 × 8 × 10) of the two extra steps.
        Assert.Equal(2 * 160, inChunks.PrefillOps - whole.PrefillOps, 6);

        // Extra bytes: the weights of two more steps, their LM head rows (16 B in, 20 B out), and the
        // earlier chunks' K and V read again: keys 2 + 4 + 5 = 11 instead of 5, 8 elements × 2 B, 2 layers.
        Assert.Equal((2 * (chunked.WeightBytesReadPerStep + 36)) + (6 * 16 * 2), inChunks.PrefillBytes - whole.PrefillBytes, 6);
    }

    [Fact]
    public void A_batch_reads_the_weights_once_and_everything_else_per_sequence()
    {
        var table = OperatorTable.Build(TinyModel.Spec, new Optimizations(), Shipped.Defaults);
        var one = table.CountStep(1, 1, 7).Bytes;
        var four = table.CountStep(4, 1, 7).Bytes;

        Assert.Equal(3 * (one - table.WeightBytesReadPerStep), four - one, 6);
    }

    [Fact]
    public void A_concatenating_cache_rewrites_the_whole_cache_every_step()
    {
        var staticCache = OperatorTable.Build(TinyModel.Spec, Eager, Shipped.Defaults).CountStep(1, 1, 10).BytesWritten;
        var concat = OperatorTable.Build(TinyModel.Spec, Eager with { KvCache = KvCacheMode.Concat }, Shipped.Defaults).CountStep(1, 1, 10).BytesWritten;

        // Static writes 1 token × 16 B per layer; concat writes all 11 × 16 B per layer.
        Assert.Equal(2 * 10 * 16, concat - staticCache, 9);
    }

    [Fact]
    public void A_sliding_window_caps_the_keys_read_in_decode()
    {
        var windowed = OperatorTable.Build(TinyModel.With("\"sliding_window\":4"), Eager, Shipped.Defaults);
        var scores = OperatorCounts.Of(windowed, "attention_scores", batch: 1, tokens: 1, past: 10);

        // q 8 × 2 B + K of 4 keys (not 11) × 4 × 2 B.
        Assert.Equal(2 * (16 + 32), scores.Read, 9);
        Assert.Equal(4 * 16 * 2, windowed.KvCacheBytes(100), 9);
    }

    [Fact]
    public void A_mixture_of_experts_reads_each_expert_the_batch_touches_once()
    {
        var moe = OperatorTable.Build(TinyModel.With("\"num_local_experts\":4,\"num_experts_per_tok\":2,\"moe_intermediate_size\":16"), Eager, Shipped.Defaults);

        // Uniform routing: E(1 − (1 − k/E)^T) experts: 2 for one token, 3 for two.
        Assert.Equal(2, moe.TouchedExperts(1), 9);
        Assert.Equal(3, moe.TouchedExperts(2), 9);

        // One expert: 3 × 8 × 16 weights × 2 B = 768 B per layer.
        var one = moe.CountStep(1, 1, 5).BytesRead;
        var two = moe.CountStep(2, 1, 5).BytesRead;
        var perSequence = one - moe.WeightBytesReadPerStep - (2 * 2 * 768);
        Assert.Equal(moe.WeightBytesReadPerStep + (2 * 3 * 768) + (2 * perSequence), two, 6);
    }
}
