using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Operators;

/// <summary>
/// Every operator of the tiny model (hidden 8, 2 layers, 2 heads / 1 KV head of dim 4, MLP 16, vocab 10)
/// counted by hand for one eager, 16-bit prefill step of 3 tokens, batch 1, serving counting. Per-layer
/// figures are doubled for the 2 layers. Bytes: 2 per 16-bit element.
/// </summary>
public sealed class OperatorTableTinyModelTests
{
    private static readonly Optimizations Eager = new() { Fusion = FusionLevel.Eager };

    private static OperatorTable Table(Optimizations? options = null) => OperatorTable.Build(TinyModel.Spec, options ?? Eager, Shipped.Defaults);

    [Theory]
    // name, ops, bytes read, bytes written (whole model: per layer × 2 for layer operators)
    // RMSNorm over 3×8 elements: 4 ops each = 96; reads 48 B of input + 16 B of weight; writes 48 B.
    [InlineData("attn_norm", 2 * 96, 2 * 64, 2 * 48)]
    [InlineData("mlp_norm", 2 * 96, 2 * 64, 2 * 48)]
    // q_proj 8→8: 2·8·8·3 = 384 ops; weights 64·2 = 128 B + input 3·8·2 = 48 B; output 48 B.
    [InlineData("q_proj", 2 * 384, 2 * 176, 2 * 48)]
    // k_proj 8→4 (one KV head): 192 ops; 32·2 + 48 = 112 B read; 3·4·2 = 24 B written.
    [InlineData("k_proj", 2 * 192, 2 * 112, 2 * 24)]
    [InlineData("v_proj", 2 * 192, 2 * 112, 2 * 24)]
    // RoPE on q and k (8 + 4 = 12 per token): 3·12·3 = 108 ops; reads (12 + cos 4 + sin 4)·2·3 = 120; writes 72.
    [InlineData("rope", 2 * 108, 2 * 120, 2 * 72)]
    // Static cache append of k and v (8 per token): reads 48, writes 48.
    [InlineData("kv_cache_update", 0, 2 * 48, 2 * 48)]
    // Eager scores over the full 3×3 matrix (9 pairs), 2 heads of dim 4: 2·2·4·9 = 144 ops;
    // reads q 3·8·2 = 48 + K 3·4·2 = 24; writes 2·9·2 = 36.
    [InlineData("attention_scores", 2 * 144, 2 * 72, 2 * 36)]
    // Softmax: 6 ops per score, 2·9 scores = 108; reads and writes 36.
    [InlineData("softmax", 2 * 108, 2 * 36, 2 * 36)]
    // PV: 144 ops; reads probabilities 36 + V 24; writes 3·8·2 = 48.
    [InlineData("attention_values", 2 * 144, 2 * 60, 2 * 48)]
    [InlineData("o_proj", 2 * 384, 2 * 176, 2 * 48)]
    // Residual adds: 24 ops, read two 48 B tensors, write 48.
    [InlineData("attn_residual", 2 * 24, 2 * 96, 2 * 48)]
    [InlineData("mlp_residual", 2 * 24, 2 * 96, 2 * 48)]
    // gate/up 8→16: 2·128·3 = 768 ops; weights 256 + input 48 = 304; writes 3·16·2 = 96.
    [InlineData("gate_proj", 2 * 768, 2 * 304, 2 * 96)]
    [InlineData("up_proj", 2 * 768, 2 * 304, 2 * 96)]
    // SiLU over 48 elements at 3 ops: 144; reads 96, writes 96. Gating multiply: 48 ops, reads 192, writes 96.
    [InlineData("act", 2 * 144, 2 * 96, 2 * 96)]
    [InlineData("mul", 2 * 48, 2 * 192, 2 * 96)]
    // down 16→8: 768 ops; weights 256 + input 96 = 352; writes 48.
    [InlineData("down_proj", 2 * 768, 2 * 352, 2 * 48)]
    // Embedding gathers 3 rows of 8: reads 48, writes 48, 1 op per token.
    [InlineData("embedding", 3, 48, 48)]
    [InlineData("final_norm", 96, 64, 48)]
    // LM head only for the last position (serving): 2·8·10 = 160 ops; weights 160 + input 16; writes 20.
    [InlineData("lm_head", 160, 176, 20)]
    public void Each_operator_of_an_eager_prefill_step_counts_as_derived_by_hand(string name, double ops, double read, double written)
    {
        var counts = OperatorCounts.Of(Table(), name, batch: 1, tokens: 3, past: 0);

        Assert.Equal(ops, counts.Ops, 9);
        Assert.Equal(read, counts.Read, 9);
        Assert.Equal(written, counts.Written, 9);
    }

    [Fact]
    public void The_tiny_model_has_the_parameters_counted_by_hand()
    {
        // Per layer: q 64 + k 32 + v 32 + o 64 + gate 128 + up 128 + down 128 + 2 norms 16 = 592;
        // 2 layers 1184, embedding 80, final norm 8, LM head 80.
        Assert.Equal(1184 + 80 + 8 + 80, Table().ParameterCount);
    }

    [Fact]
    public void The_whole_step_is_the_sum_of_the_hand_counted_operators()
    {
        // Sums of the table above: per layer 4392 ops, 2480 B read, 1008 B written; ×2 layers plus
        // embedding (3, 48, 48), final norm (96, 64, 48) and LM head (160, 176, 20).
        var step = Table().CountStep(batch: 1, tokens: 3, past: 0);

        Assert.Equal(2 * 4392 + 3 + 96 + 160, step.Ops, 9);
        Assert.Equal(2 * 2480 + 48 + 64 + 176, step.BytesRead, 9);
        Assert.Equal(2 * 1008 + 48 + 48 + 20, step.BytesWritten, 9);
    }
}
