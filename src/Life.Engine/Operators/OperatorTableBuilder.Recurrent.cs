using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>
/// Layers whose token mixer keeps a fixed-size state instead of a KV cache: Gated DeltaNet linear
/// attention (Qwen3-Next) and Mamba / Mamba-2. Their cache is a constant per sequence (the recurrent
/// state at <see cref="ModelSpec.StateBytes"/> plus the short convolution's last kernel − 1 inputs), and
/// their cost per token does not grow with the context. Prefill runs the chunked algorithms (FLA's
/// chunk_gated_delta_rule, Mamba-2's chunked SSD), decode the one-step recurrences, as vLLM does.
/// </summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>Chunk length of FLA's chunk_gated_delta_rule (BT = 64).</summary>
    private const double DeltaRuleChunk = 64;

    /// <summary>Chunk length of Mamba-2's chunked scan (mamba_chunk_scan_combined, chunk_size 256).</summary>
    private const double SsdChunk = 256;

    /// <summary>The widest input projection of the recurrent layers (for the activation peak); 0 without them.</summary>
    private double WidestRecurrentProjection
    {
        get
        {
            double widest = 0;
            if (_model.LayersWith(ModelSpec.LinearAttentionMixer) > 0)
            {
                widest = 2.0 * _model.LinearKeyHeads * _model.LinearKeyHeadDim + 2.0 * _model.LinearValueHeads * _model.LinearValueHeadDim;
            }

            if (_model.HasMambaLayers)
            {
                widest = Math.Max(widest, MambaInProjection);
            }

            return widest;
        }
    }

    private double MambaInProjection => _model.MambaHeads > 0
        ? 2.0 * _model.MambaInnerSize + 2.0 * _model.MambaGroups * _model.MambaStateSize + _model.MambaHeads
        : 2.0 * _model.MambaInnerSize;

    /// <summary>
    /// Gated DeltaNet (transformers' Qwen3NextGatedDeltaNet): in_proj_qkvz (q, k of num_k_heads ×
    /// key_dim, v and the output gate z of num_v_heads × value_dim), in_proj_ba (per-v-head β and decay),
    /// a short causal convolution over q, k and v, the gated delta rule with a num_v_heads × key_dim ×
    /// value_dim state, a gated RMSNorm and out_proj.
    /// </summary>
    private void AddGatedDeltaNetBlock(int layers, List<(double K, double N)> loraTargets)
    {
        double d = _model.HiddenSize;
        double valueHeads = _model.LinearValueHeads;
        double keyHeadDim = _model.LinearKeyHeadDim;
        double valueHeadDim = _model.LinearValueHeadDim;
        var keyDim = _model.LinearKeyHeads * keyHeadDim;
        var valueDim = valueHeads * valueHeadDim;
        var convDim = 2 * keyDim + valueDim;

        if (_full)
        {
            AddFusedAddNorm("linear_attn_add_norm", layers, d, 1 + ExtraNormsPerSublayer);
        }
        else
        {
            AddNorm("linear_attn_norm", layers, d);
        }

        AddLinear("in_proj_qkvz", layers, d, 2 * keyDim + 2 * valueDim);
        AddLinear("in_proj_ba", layers, d, 2 * valueHeads);
        AddShortConvolution("linear_conv", layers, convDim, bias: false);
        _phase = OperatorPhase.Prefill;
        AddChunkedDeltaRule(layers, valueHeads, keyHeadDim, valueHeadDim);
        _phase = OperatorPhase.Decode;
        AddRecurrentDeltaRule(layers, valueHeads, keyHeadDim, valueHeadDim);
        _phase = OperatorPhase.Every;
        AddGatedNorm("linear_attn_gated_norm", layers, valueDim, weightCount: valueHeadDim);
        AddLinear("out_proj", layers, valueDim, d);
        if (!_full)
        {
            AddPostNormAndResidual("linear_attn", layers, d);
        }

        // A_log and dt_bias, one each per v head (float32 in the checkpoints).
        _totals.Parameters += 2 * valueHeads * layers;
        _totals.WeightBytes += 2 * valueHeads * 4 * layers;

        loraTargets.Add((d, 2 * keyDim + 2 * valueDim));
        loraTargets.Add((valueDim, d));
        var state = valueHeads * keyHeadDim * valueHeadDim * _model.StateBytes;
        _kvGroups.Add(new KvCacheGroup(0, 0, (state + ConvolutionStateBytes(convDim)) * layers));
    }

    /// <summary>
    /// Chunked gated delta rule, per v head and chunk of C = 64 tokens (q and k repeated to the v heads):
    /// A = βKKᵀ (2C²·dk), its triangular inverse (C³/3 multiply-adds), W = A·βK and U = A·βV (2C²·dk +
    /// 2C²·dv), the chunk's corrected values U − W·S (2C·dk·dv), the state update S·decay + KᵀV' (2C·dk·dv)
    /// and the output Q·S + (QKᵀ ⊙ mask)·V' (2C·dk·dv + 2C²·dk + 2C²·dv); per token that is
    /// 6·dk·dv + C·(6·dk + 4·dv) + 2C²/3, plus 3 ops per q and k element for their L2 norms. Traffic:
    /// q, k, v, β and the decay in, k re-read by each of the four passes, A, W, U, the corrected values
    /// and each chunk's state written and read back, the output out; the incoming state is read and the
    /// final state written once per sequence.
    /// </summary>
    private void AddChunkedDeltaRule(int layers, double heads, double keyHeadDim, double valueHeadDim)
    {
        const double c = DeltaRuleChunk;
        var qk = heads * keyHeadDim;
        var values = heads * valueHeadDim;
        var stateElements = heads * keyHeadDim * valueHeadDim;
        var opsPerToken = heads * ((6 * keyHeadDim * valueHeadDim) + (c * ((6 * keyHeadDim) + (4 * valueHeadDim))) + (2 * c * c / 3)) + (3 * 2 * qk);
        var readPerToken = qk + (4 * qk) + values + qk + (2 * values) + (3 * heads * c) + (stateElements / c) + (2 * heads);
        var writtenPerToken = (2 * heads * c) + qk + (2 * values) + (stateElements / c) + values;
        var state = stateElements * _model.StateBytes;
        AddRecurrence("delta_rule_chunked", OperatorKind.LinearAttention, layers, opsPerToken, state, readPerToken, writtenPerToken, dispatches: 6);
    }

    /// <summary>
    /// One-step gated delta rule (fused_recurrent_gated_delta_rule), per v head and token: decay the
    /// dk × dv state (dk·dv), read kᵀS (2·dk·dv), add the rank-one correction k ⊗ β(v − kᵀS) (2·dk·dv) and
    /// read out qᵀS (2·dk·dv): 7·dk·dv, plus the L2 norms of q and k (3 per element). The state is read
    /// and written once per sequence and step, q, k, v, β and the decay read and the output written per token.
    /// </summary>
    private void AddRecurrentDeltaRule(int layers, double heads, double keyHeadDim, double valueHeadDim)
    {
        var qk = heads * keyHeadDim;
        var values = heads * valueHeadDim;
        var state = heads * keyHeadDim * valueHeadDim * _model.StateBytes;
        AddRecurrence("delta_rule_recurrent", OperatorKind.LinearAttention, layers, (heads * 7 * keyHeadDim * valueHeadDim) + (3 * 2 * qk), state, (2 * qk) + values + (2 * heads), values, dispatches: 1);
    }

    /// <summary>
    /// Mamba (Jamba) or Mamba-2 (Bamba, Granite-4) mixer: in_proj, short convolution, the selective scan
    /// with a d_inner × d_state state, output gating and out_proj.
    /// </summary>
    private void AddMambaBlock(int layers, List<(double K, double N)> loraTargets, bool ownNorm = true)
    {
        double d = _model.HiddenSize;
        double inner = _model.MambaInnerSize;
        double stateSize = _model.MambaStateSize;
        var mamba2 = _model.MambaHeads > 0;
        var convDim = mamba2 ? inner + (2.0 * _model.MambaGroups * stateSize) : inner;

        if (ownNorm && _full)
        {
            AddFusedAddNorm("mamba_add_norm", layers, d, 1 + ExtraNormsPerSublayer);
        }
        else if (ownNorm)
        {
            AddNorm("mamba_norm", layers, d);
        }

        AddLinear("mamba_in_proj", layers, d, MambaInProjection);
        AddShortConvolution("mamba_conv", layers, convDim, bias: true);
        if (mamba2)
        {
            _phase = OperatorPhase.Prefill;
            AddChunkedStateSpaceScan(layers, inner, stateSize);
            _phase = OperatorPhase.Decode;
            AddStateSpaceStep(layers, inner, stateSize, "ssd_recurrent", 6, inner + _model.MambaHeads + (2.0 * _model.MambaGroups * stateSize));
            _phase = OperatorPhase.Every;
            AddGatedNorm("mamba_gated_norm", layers, inner, weightCount: inner);

            // A_log, D and dt_bias per head.
            _totals.Parameters += 3.0 * _model.MambaHeads * layers;
            _totals.WeightBytes += 3.0 * _model.MambaHeads * 4 * layers;
        }
        else
        {
            double dtRank = _model.MambaDtRank;
            AddLinear("mamba_x_proj", layers, inner, dtRank + (2 * stateSize));
            AddLinear("mamba_dt_proj", layers, dtRank, inner, bias: true);

            // Mamba-1's selective scan is a recurrence in prefill too (a hardware-aware scan over the
            // tokens): per channel and state element exp(ΔA), ΔB·u, the update and C·h are 8 ops, plus
            // the skip D·u and the SiLU(z) gate per channel. Inputs u, Δ, z and B, C per token.
            AddStateSpaceStep(layers, inner, stateSize, "selective_scan", 8, (3 * inner) + (2 * stateSize));

            // A_log (d_inner × d_state) and D (d_inner).
            _totals.Parameters += (inner * stateSize + inner) * layers;
            _totals.WeightBytes += (inner * stateSize + inner) * 4 * layers;
        }

        AddLinear("mamba_out_proj", layers, inner, d);
        if (!_full)
        {
            AddPostNormAndResidual("mamba", layers, d);
        }
        else if (!ownNorm)
        {
            // Beside attention, the Mamba output is added to the attention's before the residual.
            AddElementwise("mamba_attn_sum", OperatorKind.Elementwise, layers, d, inputs: 2, opsPerElement: 1);
        }

        loraTargets.Add((d, MambaInProjection));
        loraTargets.Add((inner, d));
        var state = inner * stateSize * _model.StateBytes;
        _kvGroups.Add(new KvCacheGroup(0, 0, (state + ConvolutionStateBytes(convDim)) * layers));
    }

    /// <summary>
    /// Mamba-2's chunked scan (SSD), per token with chunks of Q = 256: the chunk's C·Bᵀ per group
    /// (2Q·d_state each), applying it to x with the decays per head (2Q·head_dim each), the chunk state
    /// Bᵀx (2·d_state·d_inner) and the output from the carried state C·h (2·d_state·d_inner), plus the
    /// skip and softplus/exponent of dt (6 per channel). Traffic: x, z, B, C and dt in, y out per token
    /// (the chunk states written and read back), the state read and written once per sequence.
    /// </summary>
    private void AddChunkedStateSpaceScan(int layers, double inner, double stateSize)
    {
        const double q = SsdChunk;
        double heads = _model.MambaHeads;
        double groups = _model.MambaGroups;
        var headDim = inner / heads;
        var stateElements = inner * stateSize;
        var opsPerToken = (groups * 2 * q * stateSize) + (heads * 2 * q * headDim) + (4 * stateElements) + (6 * inner);
        var readPerToken = (2 * inner) + (2 * groups * stateSize) + heads + (stateElements / q);
        var writtenPerToken = inner + (stateElements / q);
        var state = stateElements * _model.StateBytes;
        AddRecurrence("ssd_chunked", OperatorKind.StateSpaceScan, layers, opsPerToken, state, readPerToken, writtenPerToken, dispatches: 5);
    }

    /// <summary>
    /// A state-space recurrence over a d_inner × d_state state: <paramref name="opsPerStateElement"/>
    /// per element and token (Mamba-2's selective_state_update: decay, dt·B·x, update, C·h = 6), the
    /// state read and written once per sequence and step, <paramref name="inputsPerToken"/> input
    /// elements read and the d_inner output written per token.
    /// </summary>
    private void AddStateSpaceStep(int layers, double inner, double stateSize, string name, double opsPerStateElement, double inputsPerToken)
    {
        var state = inner * stateSize * _model.StateBytes;
        AddRecurrence(name, OperatorKind.StateSpaceScan, layers, (opsPerStateElement * inner * stateSize) + (ActivationOps + 2) * inner, state, inputsPerToken, inner, dispatches: 1);
    }

    /// <summary>
    /// A recurrent mixer's operator: its state (<paramref name="stateBytes"/> per sequence) read and
    /// written once per sequence and step, the activations (counted in elements) read and written per token.
    /// </summary>
    private void AddRecurrence(string name, OperatorKind kind, int layers, double opsPerToken, double stateBytes, double readPerToken, double writtenPerToken, int dispatches) =>
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = kind,
                Ops = CountPolynomial.Tokens(opsPerToken),
                BytesRead = new CountPolynomial(0, stateBytes, readPerToken * ActivationBytes, 0, 0),
                BytesWritten = new CountPolynomial(0, stateBytes, writtenPerToken * ActivationBytes, 0, 0),
                Dispatches = dispatches,
                ComputeScale = _options.AttentionComputeScale,
                MemoryScale = _options.AttentionMemoryScale,
            },
            layers);

    /// <summary>
    /// causal_conv1d over <paramref name="channels"/> with the model's kernel K: 2K ops per channel and
    /// token plus the SiLU; weights (16-bit) read once per step, the input read and output written per
    /// token, and the last K − 1 inputs of each sequence (its convolution state) read and written per step.
    /// </summary>
    private void AddShortConvolution(string name, int layers, double channels, bool bias)
    {
        double kernel = _model.ConvKernel;
        var weights = channels * (kernel + (bias ? 1 : 0)) * ActivationBytes;
        var state = ConvolutionStateBytes(channels);
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = OperatorKind.ShortConvolution,
                Ops = CountPolynomial.Tokens(channels * ((2 * kernel) + (bias ? 1 : 0) + ActivationOps)),
                BytesRead = new CountPolynomial(weights, state, channels * ActivationBytes, 0, 0),
                BytesWritten = new CountPolynomial(0, state, channels * ActivationBytes, 0, 0),
                Dispatches = 1,
                WeightBytesRead = weights,
            },
            layers);
        _totals.WeightBytes += weights * layers;
        _totals.Parameters += channels * (kernel + (bias ? 1 : 0)) * layers;
    }

    /// <summary>The convolution state: the last kernel − 1 inputs of every channel, in 16 bits.</summary>
    private double ConvolutionStateBytes(double channels) => channels * (_model.ConvKernel - 1) * ActivationBytes;

    /// <summary>
    /// Gated RMSNorm (FLA/Mamba-2 RMSNormGated): normalize the mixer output, multiply by SiLU of the gate
    /// z: 4 + 3 + 1 ops per element, reading the output and the gate, writing the result.
    /// <paramref name="weightCount"/>: the norm's weights (one head's width when heads share them, as in
    /// Gated DeltaNet; d_inner for Mamba-2).
    /// </summary>
    private void AddGatedNorm(string name, int layers, double width, double weightCount)
    {
        var weights = weightCount * ActivationBytes;
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = OperatorKind.Norm,
                Ops = CountPolynomial.Tokens(width * (4 + ActivationOps + 1)),
                BytesRead = new CountPolynomial(weights, 0, 2 * width * ActivationBytes, 0, 0),
                BytesWritten = CountPolynomial.Tokens(width * ActivationBytes),
                Dispatches = 1,
                WeightBytesRead = weights,
            },
            layers);
        _totals.WeightBytes += weights * layers;
        _totals.Parameters += weightCount * layers;
    }
}
