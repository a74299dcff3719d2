using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>Multi-head latent attention (DeepSeek-V2): the cache holds one compressed latent per token.</summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>
    /// MLA in its absorbed form, as serving engines run it: the key up-projection is folded into the
    /// queries and the value up-projection applied after attention, so attention runs over the cached
    /// latent (kv_lora_rank + qk_rope_head_dim per token, shared by all heads, MQA-like) and the
    /// up-projection weights are read once per step. Count-wise the two absorbed products are one
    /// Linear kv_lora_rank → heads·(qk_nope_head_dim + v_head_dim).
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
        var core = new AttentionShape(heads, cached, latent, cached, _eager ? latent : 0, heads * cached, heads * latent);

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

            AddLinear("kv_b_absorbed", layers, latent, upWidth);
            AddFusedAttention(layers, window, core, rotatedWidth: heads * rope + rope, newKvWidth: cached);
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
            AddLinear("kv_b_absorbed", layers, latent, upWidth);
            AddAttentionCore(layers, window, core);
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
}
