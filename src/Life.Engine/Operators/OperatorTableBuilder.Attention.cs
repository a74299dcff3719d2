using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>Attention blocks: multi-head, grouped-query and multi-query (by the number of KV heads).</summary>
internal sealed partial class OperatorTableBuilder
{
    private void AddAttentionBlock(int layers, int window, List<(double K, double N)> loraTargets)
    {
        double d = _model.HiddenSize;
        double headDim = _model.HeadDim;
        var queryWidth = _model.NumHeads * headDim;
        var kvWidth = _model.NumKvHeads * headDim;
        var bias = _model.AttentionBias;
        var core = new AttentionShape(_model.NumHeads, headDim, headDim, kvWidth, kvWidth, queryWidth, queryWidth);

        // Gated attention (Qwen3-Next): q_proj also yields a gate per output element.
        var queryProjection = (_model.AttentionOutputGate ? 2 : 1) * queryWidth;
        if (_full)
        {
            AddFusedAddNorm("attn_add_norm", layers, d, 1 + ExtraNormsPerSublayer);
            AddLinear("qkv_proj", layers, d, queryProjection + 2 * kvWidth, bias);
            AddFusedAttention(layers, window, core, rotatedWidth: queryWidth + kvWidth, newKvWidth: 2 * kvWidth);
            if (_options.KvCache == KvCacheMode.Concat)
            {
                AddKvCacheUpdate(layers, 2 * kvWidth, readsNewEntries: false);
            }

            AddOutputGate(layers, queryWidth);
            AddLinear("o_proj", layers, queryWidth, d);
        }
        else
        {
            AddNorm("attn_norm", layers, d);
            AddLinear("q_proj", layers, d, queryProjection, bias);
            AddLinear("k_proj", layers, d, kvWidth, bias);
            AddLinear("v_proj", layers, d, kvWidth, bias);
            AddRope(layers, queryWidth + kvWidth, headDim);
            AddKvCacheUpdate(layers, 2 * kvWidth, readsNewEntries: true);
            AddAttentionCore(layers, window, core);
            AddOutputGate(layers, queryWidth);
            AddLinear("o_proj", layers, queryWidth, d);
            AddPostNormAndResidual("attn", layers, d);
        }

        loraTargets.Add((d, queryProjection));
        loraTargets.Add((d, kvWidth));
        loraTargets.Add((d, kvWidth));
        loraTargets.Add((queryWidth, d));
        _kvGroups.Add(new KvCacheGroup(window, 2 * kvWidth * _kvBytes * layers));
    }

    /// <summary>Gated attention's output gate: sigmoid of the gate times the attention output, per element.</summary>
    private void AddOutputGate(int layers, double width)
    {
        if (_model.AttentionOutputGate)
        {
            AddElementwise("attn_output_gate", OperatorKind.Activation, layers, width, inputs: 2, opsPerElement: ActivationOps + 1, dispatches: _full ? 1 : 2);
        }
    }

    /// <summary>Gemma-2 style post-norms beyond the usual two pre-norms, per sublayer.</summary>
    private int ExtraNormsPerSublayer => Math.Max(0, _model.NormsPerLayer - 2) / 2;

    private void AddPostNormAndResidual(string sublayer, int layers, double d)
    {
        for (var i = 0; i < ExtraNormsPerSublayer; i++)
        {
            AddNorm($"{sublayer}_post_norm", layers, d);
        }

        AddElementwise($"{sublayer}_residual", OperatorKind.Elementwise, layers, d, inputs: 2, opsPerElement: 1);
    }

    /// <summary>
    /// Unfused attention core. Eager kernels materialize the scores: QKᵀ writes them, softmax (with
    /// scaling and masking folded in: max, subtract, exp, sum, divide, scale = 6 ops per element) reads
    /// and rewrites them, PV reads them, each score at <see cref="Optimizations.ScoreBits"/>. Flash attention keeps them on chip (one kernel, no score
    /// traffic). Keys and values are read once per KV head, so GQA and MQA cut KV traffic by the group
    /// size; quantized KV is dequantized at 2 ops per element read.
    /// </summary>
    private void AddAttentionCore(int layers, int window, in AttentionShape shape)
    {
        var fullPairs = _life || _eager;
        var heads = shape.Heads;
        var dequantizes = _quantizeKv && !shape.FromActivations;
        var kvBytes = shape.FromActivations ? ActivationBytes : _kvBytes;
        var keyDequant = dequantizes ? 2 * shape.KeyWidth : 0;
        var valueDequant = dequantizes ? 2 * shape.ValueWidth : 0;
        if (_eager)
        {
            Add(
                new OperatorSpec
                {
                    Name = "attention_scores",
                    Kind = OperatorKind.AttentionScores,
                    Ops = new CountPolynomial(0, 0, 0, keyDequant, 2 * heads * shape.QueryKeyDim),
                    BytesRead = new CountPolynomial(0, 0, shape.QueryWidth * ActivationBytes, shape.KeyWidth * kvBytes, 0),
                    BytesWritten = new CountPolynomial(0, 0, 0, 0, heads * _scoreBytes),
                    Dispatches = 1,
                    Window = window,
                    FullPairs = fullPairs,
                    ComputeScale = _options.AttentionComputeScale,
                MemoryScale = _options.AttentionMemoryScale,
                },
                layers);
            Add(
                new OperatorSpec
                {
                    Name = "softmax",
                    Kind = OperatorKind.Softmax,
                    Ops = new CountPolynomial(0, 0, 0, 0, 6 * heads),
                    BytesRead = new CountPolynomial(0, 0, 0, 0, heads * _scoreBytes),
                    BytesWritten = new CountPolynomial(0, 0, 0, 0, heads * _scoreBytes),
                    Dispatches = 4,
                    Window = window,
                    FullPairs = fullPairs,
                    ComputeScale = _options.AttentionComputeScale,
                MemoryScale = _options.AttentionMemoryScale,
                },
                layers);
            Add(
                new OperatorSpec
                {
                    Name = "attention_values",
                    Kind = OperatorKind.AttentionValues,
                    Ops = new CountPolynomial(0, 0, 0, valueDequant, 2 * heads * shape.ValueDim),
                    BytesRead = new CountPolynomial(0, 0, 0, shape.ValueWidth * kvBytes, heads * _scoreBytes),
                    BytesWritten = CountPolynomial.Tokens(shape.OutputWidth * ActivationBytes),
                    Dispatches = 1,
                    Window = window,
                    FullPairs = fullPairs,
                    ComputeScale = _options.AttentionComputeScale,
                MemoryScale = _options.AttentionMemoryScale,
                },
                layers);
            return;
        }

        AddFlashAttention(layers, window, shape, default);
    }

    /// <summary>
    /// Serving-engine attention: RoPE, the cache write of the step's keys and values (static cache) and
    /// flash attention in one pass, so the new keys and values are read once and never round-trip.
    /// </summary>
    private void AddFusedAttention(int layers, int window, in AttentionShape shape, double rotatedWidth, double newKvWidth)
    {
        var writesCache = _options.KvCache == KvCacheMode.Static;
        var extras = new CountPolynomial(0, 0, 3 * rotatedWidth + (writesCache && _quantizeKv ? 2 * newKvWidth : 0), 0, 0);
        var extraRead = CountPolynomial.Tokens(newKvWidth * ActivationBytes);
        var extraWrite = CountPolynomial.Tokens(writesCache ? newKvWidth * _kvBytes : 0);
        AddFlashAttention(layers, window, shape, new FusedExtras(extras, extraRead, extraWrite, 1));
    }

    private void AddFlashAttention(int layers, int window, in AttentionShape shape, FusedExtras extras)
    {
        var heads = shape.Heads;
        var dequant = _quantizeKv && !shape.FromActivations ? 2 * (shape.KeyWidth + shape.ValueWidth) : 0;
        var kvBytes = shape.FromActivations ? ActivationBytes : _kvBytes;
        Add(
            new OperatorSpec
            {
                Name = "attention",
                Kind = OperatorKind.FusedAttention,
                Ops = new CountPolynomial(0, 0, 0, dequant, heads * (2 * shape.QueryKeyDim + 2 * shape.ValueDim + 6)) + extras.Ops,
                BytesRead = new CountPolynomial(0, 0, shape.QueryWidth * ActivationBytes, (shape.KeyWidth + shape.ValueWidth) * kvBytes, 0) + extras.Read,
                BytesWritten = CountPolynomial.Tokens(shape.OutputWidth * ActivationBytes) + extras.Written,
                Dispatches = 1 + extras.Dispatches,
                Window = window,
                FullPairs = _life,
                ComputeScale = _options.AttentionComputeScale,
                MemoryScale = _options.AttentionMemoryScale,
            },
            layers);
    }
}
