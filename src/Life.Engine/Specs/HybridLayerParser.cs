using System.Globalization;
using System.Text;

namespace Life.Engine.Specs;

/// <summary>
/// Reads which layers of a Hugging Face config are not softmax attention, and the shapes of those layers:
/// Gated DeltaNet linear attention (Qwen3-Next: <c>layer_types</c> or <c>full_attention_interval</c>, with
/// <c>linear_num_key_heads</c>, <c>linear_num_value_heads</c>, <c>linear_key_head_dim</c>,
/// <c>linear_value_head_dim</c>, <c>linear_conv_kernel_dim</c>) and Mamba layers (Jamba's
/// <c>attn_layer_period</c>/<c>attn_layer_offset</c> with <c>mamba_d_state</c>, <c>mamba_d_conv</c>,
/// <c>mamba_expand</c>, <c>mamba_dt_rank</c>; Mamba-2 hybrids such as Bamba and Granite-4 with
/// <c>attn_layer_indices</c> or <c>layer_types</c> and <c>mamba_n_heads</c>, <c>mamba_d_head</c>,
/// <c>mamba_n_groups</c>; NemotronH's <c>hybrid_override_pattern</c> of single-block layers with
/// <c>mamba_num_heads</c>, <c>mamba_head_dim</c>, <c>ssm_state_size</c>, <c>n_groups</c>). Layouts the engine
/// cannot time are refused rather than timed as attention. Falcon-H1 runs
/// attention and Mamba-2 side by side in every layer (<c>mamba_d_ssm</c>, <c>mamba_n_heads</c>, <c>mamba_d_head</c>).
/// </summary>
internal static class HybridLayerParser
{
    /// <summary>Qwen3NextConfig's default <c>full_attention_interval</c>.</summary>
    private const int Qwen3NextFullAttentionInterval = 4;

    public static ModelSpec Apply(in ConfigReader c, ModelSpec spec, string source)
    {
        var mixers = Mixers(c, spec, source);
        if (mixers is null)
        {
            return spec;
        }

        var hidden = spec.HiddenSize;
        var mambaHeads = c.Int("mamba_n_heads", "mamba_num_heads") ?? 0;
        var expand = c.Int("mamba_expand", "expand") ?? 2;
        // Falcon-H1 may write mamba_d_head as "auto" (d_ssm / n_heads).
        var headDim = c.IsString("mamba_d_head") ? null : c.Int("mamba_d_head", "mamba_head_dim");
        var inner = mambaHeads > 0 && headDim is { } perHead ? mambaHeads * perHead : c.Int("mamba_d_ssm") ?? (expand * hidden);

        // NemotronH's MLP blocks are plain up/down projections with a squared ReLU.
        var pattern = c.String("hybrid_override_pattern") is not null;
        var dtRank = c.IsString("mamba_dt_rank") ? (hidden + 15) / 16 : c.Int("mamba_dt_rank") ?? ((hidden + 15) / 16);
        var upper = mixers.ToUpperInvariant();
        var linear = upper.Contains(ModelSpec.LinearAttentionMixer, StringComparison.Ordinal);
        var stateType = c.String("mamba_ssm_dtype") ?? c.String("mamba_ssm_cache_dtype");
        return spec with
        {
            LayerMixers = mixers,
            LinearKeyHeads = c.Int("linear_num_key_heads") ?? 0,
            LinearValueHeads = c.Int("linear_num_value_heads") ?? 0,
            LinearKeyHeadDim = c.Int("linear_key_head_dim") ?? 0,
            LinearValueHeadDim = c.Int("linear_value_head_dim") ?? 0,
            ConvKernel = linear ? c.Int("linear_conv_kernel_dim") ?? 4 : c.Int("mamba_d_conv", "conv_kernel", "d_conv") ?? 4,
            MambaInnerSize = upper.Contains(ModelSpec.MambaMixer, StringComparison.Ordinal) || upper.Contains(ModelSpec.ParallelMixer, StringComparison.Ordinal) ? inner : 0,
            MambaStateSize = c.Int("mamba_d_state", "ssm_state_size", "state_size", "d_state") ?? 16,
            MambaHeads = mambaHeads,
            MambaGroups = mambaHeads > 0 ? c.Int("mamba_n_groups", "n_groups") ?? 1 : 0,
            MlpGated = pattern ? c.Bool("mlp_gated") ?? false : spec.MlpGated,
            HiddenAct = pattern ? c.String("mlp_hidden_act") ?? spec.HiddenAct : spec.HiddenAct,
            MambaDtRank = mambaHeads > 0 ? 0 : dtRank,
            StateBits = stateType is "float32" ? 32 : 16,
        };
    }

    /// <summary>One mixer character per layer, or null when every layer is attention.</summary>
    private static string? Mixers(in ConfigReader c, in ModelSpec spec, string source)
    {
        var layers = spec.NumLayers;
        if (c.String("layer_mixers") is { } explicitMixers)
        {
            // LifeSweep's own key, written by resolved sweep specs.
            return explicitMixers.Length > 0 ? explicitMixers : null;
        }

        var builder = new StringBuilder(layers);
        if (c.StringArray("layer_types") is { } types)
        {
            var any = false;
            foreach (var type in types)
            {
                var mixer = type switch
                {
                    "linear_attention" => ModelSpec.LinearAttentionMixer,
                    "mamba" or "mamba2" => ModelSpec.MambaMixer,
                    "full_attention" or "sliding_attention" or "attention" or "chunked_attention" => ModelSpec.AttentionMixer,
                    _ => throw new EngineInputException($"model config '{source}': layer type '{type}' is not modelled"),
                };
                any |= mixer != ModelSpec.AttentionMixer;
                builder.Append(mixer);
            }

            return any ? Checked(builder, layers, "layer_types", source) : null;
        }

        if (spec.ModelType.StartsWith("falcon_h1", StringComparison.Ordinal))
        {
            // Falcon-H1: every layer runs attention and Mamba-2 side by side, then its MLP.
            return new string(ModelSpec.ParallelMixer, layers);
        }

        if (c.String("hybrid_override_pattern") is { } blocks)
        {
            // NemotronH: each layer is one block: 'M' Mamba-2, '*' attention, '-' MLP, 'E' MoE.
            foreach (var block in blocks)
            {
                builder.Append(block switch
                {
                    'M' => char.ToLowerInvariant(ModelSpec.MambaMixer),
                    '*' => char.ToLowerInvariant(ModelSpec.AttentionMixer),
                    '-' => ModelSpec.NoMixer,
                    'E' => ModelSpec.MoeAlone,
                    _ => throw new EngineInputException($"model config '{source}': hybrid_override_pattern block '{block}' is not modelled (M, *, - and E are)"),
                });
            }

            return Checked(builder, layers, "hybrid_override_pattern", source);
        }

        if (c.Int("linear_num_value_heads") is not null || spec.ModelType == "qwen3_next")
        {
            // Qwen3NextConfig: layer i is full attention when (i + 1) % full_attention_interval == 0.
            var interval = c.Int("full_attention_interval") ?? Qwen3NextFullAttentionInterval;
            for (var layer = 0; layer < layers; layer++)
            {
                builder.Append((layer + 1) % Math.Max(1, interval) == 0 ? ModelSpec.AttentionMixer : ModelSpec.LinearAttentionMixer);
            }

            return builder.ToString();
        }

        if (c.Int("attn_layer_period") is { } period)
        {
            // Jamba: layer i is attention when i % attn_layer_period == attn_layer_offset, Mamba otherwise.
            var offset = c.Int("attn_layer_offset") ?? 0;
            for (var layer = 0; layer < layers; layer++)
            {
                builder.Append(layer % Math.Max(1, period) == offset ? ModelSpec.AttentionMixer : ModelSpec.MambaMixer);
            }

            return builder.ToString();
        }

        if (c.StringArray("attn_layer_indices") is { } indices)
        {
            // Bamba: the listed layers are attention, the rest Mamba-2.
            builder.Append(ModelSpec.MambaMixer, layers);
            foreach (var index in indices)
            {
                if (!int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var layer) || layer < 0 || layer >= layers)
                {
                    throw new EngineInputException($"model config '{source}': attn_layer_indices entry {index} is not a layer of {layers}");
                }

                builder[layer] = ModelSpec.AttentionMixer;
            }

            return builder.ToString();
        }

        return null;
    }

    private static string Checked(StringBuilder builder, int layers, string field, string source) =>
        builder.Length == layers
            ? builder.ToString()
            : throw new EngineInputException($"model config '{source}': {field} names {builder.Length} layers for num_hidden_layers = {layers}");
}
