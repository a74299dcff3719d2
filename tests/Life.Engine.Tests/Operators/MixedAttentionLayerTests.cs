using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Operators;

/// <summary>Models mixing full-context and sliding-window layers (Gemma-3): KV memory and attention cost per kind.</summary>
public sealed class MixedAttentionLayerTests
{
    // Gemma-3-27B's text model: 62 layers, 32 query heads, 16 KV heads of 128, a 1,024-token window.
    private const string Gemma3Shape =
        "\"model_type\":\"gemma3_text\",\"hidden_size\":5376,\"intermediate_size\":21504,\"num_hidden_layers\":62,"
        + "\"num_attention_heads\":32,\"num_key_value_heads\":16,\"head_dim\":128,\"vocab_size\":262208,"
        + "\"sliding_window\":1024,\"max_position_embeddings\":131072";

    // Eager: the scores are their own operator, so the test can count them alone.
    private static readonly Optimizations Eager = new() { Fusion = FusionLevel.Eager };

    private static OperatorTable Build(string extra) =>
        OperatorTable.Build(ModelConfigParser.Parse("{" + Gemma3Shape + extra + "}", "g3", "g3.json"), Eager, Shipped.Defaults);

    [Theory]
    [InlineData(",\"sliding_window_pattern\":6")]
    [InlineData("")]
    public void Every_sixth_gemma_three_layer_keeps_the_whole_context_in_its_kv_cache(string pattern)
    {
        var table = Build(pattern);

        // Pattern 6 over 62 layers: layers 5, 11, …, 59 are full, so 62 / 6 = 10 full and 52 sliding.
        Assert.Equal(52, table.Model.SlidingWindowLayers);

        // Per layer and token: K and V × 16 heads × 128 × 2 B = 8,192 B.
        // At 32,768 tokens: 10 × 32,768 × 8,192 + 52 × 1,024 × 8,192 = 2,684,354,560 + 436,207,616.
        Assert.Equal(3_120_562_176d, table.KvCacheBytes(32_768), 0);
    }

    [Fact]
    public void Full_gemma_three_layers_attend_to_the_whole_context_in_decode()
    {
        var table = Build(",\"sliding_window_pattern\":6");
        var scores = OperatorCounts.Of(table, "attention_scores", batch: 1, tokens: 1, past: 32_767);

        // QKᵀ: 2 × 32 heads × 128 per key; full layers see 32,768 keys, sliding ones 1,024:
        // 8,192 × (10 × 32,768 + 52 × 1,024) = 8,192 × 380,928.
        Assert.Equal(3_120_562_176d, scores.Ops, 0);
    }

    [Fact]
    public void Layer_types_name_the_full_and_sliding_layers_explicitly()
    {
        // Four layers, one of them full: only three keep a windowed cache.
        var config = """
            {"model_type":"gemma3_text","hidden_size":64,"intermediate_size":128,"num_hidden_layers":4,"num_attention_heads":4,
             "num_key_value_heads":1,"head_dim":16,"vocab_size":100,"sliding_window":8,"max_position_embeddings":1024,
             "layer_types":["sliding_attention","full_attention","sliding_attention","sliding_attention"]}
            """;
        var table = OperatorTable.Build(ModelConfigParser.Parse(config, "t", "t.json"), new Optimizations(), Shipped.Defaults);

        // 2 × 1 head × 16 × 2 B = 64 B per layer and token; at 100 tokens: 1 × 100 × 64 + 3 × 8 × 64.
        Assert.Equal(6_400d + 1_536d, table.KvCacheBytes(100), 0);
    }
}
