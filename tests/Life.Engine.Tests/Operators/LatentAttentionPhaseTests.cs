using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Operators;

/// <summary>MLA prefilled non-absorbed (decompressed keys and values) and decoded absorbed, as vLLM and SGLang run it.</summary>
public sealed class LatentAttentionPhaseTests
{
    // DeepSeek-V2-Lite: 27 layers, 16 heads, qk_nope 128 + qk_rope 64, v_head_dim 128, kv_lora_rank 512.
    private static OperatorTable Table() => OperatorTable.Build(Shipped.Catalog.ResolveModel("deepseek-v2-lite"), new Optimizations(), Shipped.Defaults);

    [Fact]
    public void Deepseek_v2_lite_prefills_32k_with_multi_head_attention_over_decompressed_keys()
    {
        var attention = OperatorCounts.Of(Table(), "attention", batch: 1, tokens: 32_768, past: 0);

        // Causal pairs: 32,768 × 32,769 / 2 = 536,887,296. Per pair 16 heads × (2 × 192 (QKᵀ) + 2 × 128
        // (PV) + 6 (softmax)) = 16 × 646 = 10,336 ops. Fused RoPE of q and k_pe: 3 × (16 × 64 + 64) =
        // 3,264 per token. Per layer 536,887,296 × 10,336 + 32,768 × 3,264 = 5,549,267,091,456 +
        // 106,954,752; × 27 layers = 149,833,099,247,616 (the absorbed form was 16 × (2 × 576 + 2 × 512 + 6)
        // = 34,912 per pair, 5.06e14 in all).
        Assert.Equal(149_833_099_247_616d, attention.Ops, 0);

        // kv_b_proj decompresses each of the 32,768 keys: 2 × 512 × 16 × (128 + 128) = 4,194,304 ops,
        // × 32,768 × 27 = 3,710,851,743,744.
        var decompression = OperatorCounts.Of(Table(), "kv_b_proj", batch: 1, tokens: 32_768, past: 0);
        Assert.Equal(3_710_851_743_744d, decompression.Ops, 0);
    }

    [Fact]
    public void Deepseek_v2_lite_decodes_absorbed_over_the_cached_latent()
    {
        var table = Table();
        var attention = OperatorCounts.Of(table, "attention", batch: 1, tokens: 1, past: 32_767);

        // One query over 32,768 cached latents of 512 + 64, shared by the 16 heads: per key 16 × (2 × 576
        // + 2 × 512 + 6) = 34,912 ops, plus RoPE's 3,264 per token: 27 × (32,768 × 34,912 + 3,264) =
        // 27 × 1,143,999,680 = 30,887,991,360. Bytes read: the query 16 × 576 × 2 B = 18,432 and each key's
        // latent once, 576 × 2 B, plus the new latent read for the cache write 576 × 2 B:
        // 27 × (18,432 + 32,768 × 1,152 + 1,152) = 27 × 37,768,320 = 1,019,744,640.
        Assert.Equal(30_887_991_360d, attention.Ops, 0);
        Assert.Equal(1_019_744_640d, attention.Read, 0);

        // The absorbed up-projection runs per query token: 2 × 512 × 4,096 × 27 = 113,246,208; no keys are decompressed.
        Assert.Equal(113_246_208d, OperatorCounts.Of(table, "kv_b_absorbed", batch: 1, tokens: 1, past: 32_767).Ops, 0);
        Assert.Equal(table.CountStep(1, 1, 32_767).Ops, table.CountStep(1, 1, 32_767, decode: true).Ops);
        Assert.True(table.CountStep(1, 1, 32_767).Ops < table.CountStep(1, 1, 32_767, decode: false).Ops);
    }

    [Fact]
    public void The_absorbed_product_runs_only_in_decode_and_the_decompression_only_in_prefill()
    {
        var table = Table();
        Assert.Equal(OperatorPhase.Decode, PhaseOf(table, "kv_b_absorbed", out var absorbedWeights));
        Assert.Equal(OperatorPhase.Prefill, PhaseOf(table, "kv_b_proj", out _));

        // kv_b's weights (27 × 512 × 4,096 × 2 B = 113,246,208 B) are in the model once, and a decode
        // step reads them once: the prefill form's copy is left out of the per-step weight reads.
        Assert.Equal(113_246_208d, absorbedWeights, 0);
        double everyStep = 0;
        foreach (var op in table.Operators)
        {
            everyStep += op.Phase == OperatorPhase.Prefill ? 0 : op.WeightBytesRead;
        }

        Assert.Equal(everyStep, table.WeightBytesReadPerStep, 0);
        Assert.Equal(table.ParameterCount * 2, table.WeightBytes, 0);
    }

    /// <summary>The one phase of every entry named <paramref name="name"/> (one per layer group), and their weight reads.</summary>
    private static OperatorPhase PhaseOf(OperatorTable table, string name, out double weightBytesRead)
    {
        OperatorPhase? phase = null;
        weightBytesRead = 0;
        foreach (var op in table.Operators)
        {
            if (op.Name == name)
            {
                Assert.True(phase is null || phase == op.Phase);
                phase = op.Phase;
                weightBytesRead += op.WeightBytesRead;
            }
        }

        Assert.NotNull(phase);
        return phase.Value;
    }
}
