using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>Multi-head latent attention (DeepSeek-V2): the cache holds one compressed latent per token.</summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>
    /// MLA as serving engines run it (vLLM's and SGLang's MLA backends): the cache holds the latent
    /// (kv_lora_rank + qk_rope_head_dim per token, shared by all heads) and the two phases use different
    /// algebra. Decode is absorbed: the key up-projection is folded into the queries and the value
    /// up-projection applied after attention, so attention runs over the cached latent (MQA-like) and the
    /// up-projection weights are read once per step; count-wise the two absorbed products are one Linear
    /// kv_lora_rank → heads·(qk_nope_head_dim + v_head_dim) per query token. Prefill is not absorbed:
    /// absorbed attention costs heads·(2·576 + 2·512) per pair for DeepSeek-V2, against heads·(2·192 +
    /// 2·128) for plain multi-head attention, so engines decompress every attended token's latent
    /// (kv_b_proj, per key: a prefill chunk re-expands the cached context too) and run standard attention
    /// with qk_nope + qk_rope query/key dims and v_head_dim values.
    /// </summary>
    private void AddLatentAttentionBlock(int layers, int window, List<(double K, double N)> loraTargets)
    {
        double d = _model.HiddenSize;
        double heads = _model.NumHeads;
        double latent = _model.KvLoraRank;
        double rope = _model.QkRopeHeadDim;
        double queryRank = _model.QLoraRank;
        var queryHeadDim = _model.QkNopeHeadDim + rope;
        var upWidth = heads * (_model.QkNopeHeadDim + _model.VHeadDim);
        var cached = latent + rope;
        var absorbed = new AttentionShape(heads, cached, latent, cached, _eager ? latent : 0, heads * cached, heads * latent);
        var decompressed = new AttentionShape(
            heads, queryHeadDim, _model.VHeadDim, heads * queryHeadDim, heads * _model.VHeadDim, heads * queryHeadDim, heads * _model.VHeadDim, FromActivations: true);

        if (_full)
        {
            AddFusedAddNorm("attn_add_norm", layers, d, 1);
            if (queryRank > 0)
            {
                AddLinear("q_a_kv_a_proj", layers, d, queryRank + cached);
                AddNorm("q_kv_a_norm", layers, queryRank + latent);
                AddLinear("q_b_proj", layers, queryRank, heads * queryHeadDim);
            }
            else
            {
                AddLinear("q_kv_a_proj", layers, d, heads * queryHeadDim + cached);
                AddNorm("kv_a_norm", layers, latent);
            }

            _phase = OperatorPhase.Decode;
            AddLinear("kv_b_absorbed", layers, latent, upWidth);
            AddFusedAttention(layers, window, absorbed, rotatedWidth: heads * rope + rope, newKvWidth: cached);
            _phase = OperatorPhase.Prefill;
            AddKeyValueDecompression(layers, window, latent, upWidth);
            AddFusedAttention(layers, window, decompressed, rotatedWidth: heads * rope + rope, newKvWidth: cached);
            _phase = OperatorPhase.Every;
            if (_options.KvCache == KvCacheMode.Concat)
            {
                AddKvCacheUpdate(layers, cached, readsNewEntries: false);
            }

            AddLinear("o_proj", layers, heads * _model.VHeadDim, d);
        }
        else
        {
            AddNorm("attn_norm", layers, d);
            if (queryRank > 0)
            {
                AddLinear("q_a_proj", layers, d, queryRank);
                AddNorm("q_a_norm", layers, queryRank);
                AddLinear("q_b_proj", layers, queryRank, heads * queryHeadDim);
            }
            else
            {
                AddLinear("q_proj", layers, d, heads * queryHeadDim);
            }

            AddLinear("kv_a_proj", layers, d, cached);
            AddNorm("kv_a_norm", layers, latent);
            AddRope(layers, heads * rope + rope, rope);
            AddKvCacheUpdate(layers, cached, readsNewEntries: true);
            _phase = OperatorPhase.Decode;
            AddLinear("kv_b_absorbed", layers, latent, upWidth);
            AddAttentionCore(layers, window, absorbed);
            _phase = OperatorPhase.Prefill;
            AddKeyValueDecompression(layers, window, latent, upWidth);
            AddAttentionCore(layers, window, decompressed);
            _phase = OperatorPhase.Every;
            AddLinear("o_proj", layers, heads * _model.VHeadDim, d);
            AddPostNormAndResidual("attn", layers, d);
        }

        if (queryRank > 0)
        {
            loraTargets.Add((d, queryRank));
            loraTargets.Add((queryRank, heads * queryHeadDim));
        }
        else
        {
            loraTargets.Add((d, heads * queryHeadDim));
        }

        loraTargets.Add((d, cached));
        loraTargets.Add((latent, upWidth));
        loraTargets.Add((heads * _model.VHeadDim, d));
        _kvGroups.Add(new KvCacheGroup(window, cached * _kvBytes * layers));
    }

    /// <summary>
    /// MLA prefill's kv_b_proj: every attended token's cached latent (kv_lora_rank at the KV precision)
    /// up-projected to its per-head keys (qk_nope) and values (v_head_dim), 2·kv_lora_rank·width ops per
    /// key (plus 2 per latent element to dequantize a quantized cache), written as 16-bit activations for the attention that follows. The weights are those of the
    /// decode form's absorbed product (already counted in the model's weights), read once per step.
    /// </summary>
    private void AddKeyValueDecompression(int layers, int window, double latent, double upWidth)
    {
        var quantized = _options.WeightsQuantized;
        var weightRead = latent * upWidth * _weightBytes;
        Add(
            new OperatorSpec
            {
                Name = "kv_b_proj",
                Kind = OperatorKind.Linear,
                Precision = _matmulPrecision,
                Ops = new CountPolynomial(quantized ? 2 * latent * upWidth : 0, 0, 0, 2 * latent * upWidth + (_quantizeKv ? 2 * latent : 0), 0),
                BytesRead = new CountPolynomial(weightRead, 0, 0, latent * _kvBytes, 0),
                BytesWritten = new CountPolynomial(0, 0, 0, upWidth * ActivationBytes, 0),
                Dispatches = 1,
                Window = window,
                WeightBytesRead = weightRead,
                IsGemm = true,
                ComputeScale = quantized ? _formatScales.Compute : 1,
                MemoryScale = quantized ? _formatScales.Memory : 1,
            },
            layers);
    }
}
