using System.Text.Json;

namespace Life.Engine.Specs;

/// <summary>
/// Reads a Hugging Face <c>config.json</c> into a <see cref="ModelSpec"/>. Besides the Hugging Face keys it
/// accepts LifeSweep's explicit keys <c>mlp_gated</c>, <c>layer_norm</c>, <c>norms_per_layer</c> and
/// <c>sliding_window_layers</c>, which resolved sweep specs write so a model round-trips exactly.
/// </summary>
public static class ModelConfigParser
{
    // Model families whose MLP is a plain up/down projection with LayerNorm (everything else is Llama-like).
    private static readonly HashSet<string> PlainMlpFamilies = new(StringComparer.Ordinal)
    {
        "gpt2", "gpt_neox", "gptj", "opt", "bloom", "falcon", "phi", "gpt_bigcode", "starcoder2",
    };

    /// <summary>Parses <paramref name="json"/>; <paramref name="source"/> names it in error messages.</summary>
    public static ModelSpec Parse(string json, string id, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new EngineInputException($"model config '{source}': not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EngineInputException($"model config '{source}': expected a JSON object");
            }

            var root = document.RootElement;
            var text = TextModel(root);
            var reader = text is { } inner ? new ConfigReader(inner, root, source) : new ConfigReader(root, source);

            // Only the language model is timed: a vision (or audio) encoder runs once per image and is
            // not in the operator table, so the spec says so and predict reports it.
            var spec = HybridLayerParser.Apply(reader, Read(reader, id), source) with { VisionTowerNotModelled = text is not null || root.TryGetProperty("vision_config", out _) };
            spec.Validate();
            return spec;
        }
    }

    /// <summary>Gemma3TextConfig's default <c>sliding_window_pattern</c>, for configs that omit it and <c>layer_types</c>.</summary>
    private const int Gemma3SlidingWindowPattern = 6;

    // Keys under which multimodal configs (Gemma-3-it, Llama-4, LLaVA, Qwen-VL, InternVL) nest their text model.
    private static readonly string[] TextModelKeys = ["text_config", "language_config", "llm_config"];

    /// <summary>The nested text model when the top level has no transformer shape of its own; null otherwise.</summary>
    private static JsonElement? TextModel(JsonElement root)
    {
        if (root.TryGetProperty("hidden_size", out _) || root.TryGetProperty("n_embd", out _) || root.TryGetProperty("d_model", out _))
        {
            return null;
        }

        foreach (var key in TextModelKeys)
        {
            if (root.TryGetProperty(key, out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>Qwen-MoE style configs give the shared expert's width instead of a count of expert-sized shared experts.</summary>
    private static int SharedFromWidth(int width, int expertWidth) => width > 0 && expertWidth > 0 ? Math.Max(1, width / expertWidth) : 0;

    private static ModelSpec Read(ConfigReader c, string id)
    {
        var modelType = c.String("model_type") ?? "llama";
        var hidden = c.RequiredInt("hidden_size", "n_embd", "d_model");
        var layers = c.RequiredInt("num_hidden_layers", "n_layer", "num_layers");
        var heads = c.RequiredInt("num_attention_heads", "n_head");
        var multiQuery = c.Bool("multi_query") ?? false;
        var kvHeads = c.Int("num_key_value_heads") ?? (multiQuery ? 1 : heads);
        var headDim = c.Int("head_dim", "attention_head_dim") ?? (heads > 0 ? hidden / heads : 0);
        var plain = PlainMlpFamilies.Contains(modelType);
        var intermediate = c.Int("intermediate_size", "n_inner", "ffn_dim") ?? 4 * hidden;
        var vocab = c.RequiredInt("vocab_size");
        var isGemma = modelType.StartsWith("gemma", StringComparison.Ordinal);
        var tie = c.Bool("tie_word_embeddings") ?? isGemma;
        var act = c.String("hidden_activation") ?? c.String("hidden_act") ?? c.String("activation_function") ?? "silu";

        var window = c.Int("sliding_window") ?? 0;
        var useWindow = c.Bool("use_sliding_window");
        var windowLayers = 0;
        if (window > 0 && useWindow != false)
        {
            var layerTypes = c.StringArray("layer_types");
            var pattern = c.Int("sliding_window_pattern") ?? (modelType is "gemma3" or "gemma3_text" ? Gemma3SlidingWindowPattern : 0);
            if (layerTypes is not null)
            {
                windowLayers = layerTypes.Count(t => t == "sliding_attention");
            }
            else if (pattern > 0)
            {
                // Gemma-3 (transformers' Gemma3TextConfig): layer i is sliding unless (i + 1) % pattern == 0,
                // so every pattern-th layer attends to the whole context: 5 sliding : 1 full for pattern 6.
                windowLayers = layers - (layers / pattern);
            }
            else if (modelType == "gemma2")
            {
                // Gemma-2 alternates local (sliding) and global layers, starting with a local one.
                windowLayers = (layers + 1) / 2;
            }
            else
            {
                windowLayers = layers;
            }
        }

        // LifeSweep's own key (written by resolved sweep specs): the count of sliding layers, explicitly.
        if (c.Int("sliding_window_layers") is { } explicitLayers && window > 0)
        {
            windowLayers = explicitLayers;
        }

        var maxPositions = c.Int("max_position_embeddings", "n_positions") ?? 0;
        if (windowLayers == 0 || (maxPositions > 0 && window >= maxPositions))
        {
            window = 0;
            windowLayers = 0;
        }

        var experts = c.Int("num_local_experts", "n_routed_experts", "num_experts") ?? 0;
        var expertsPerToken = experts > 0 ? c.Int("num_experts_per_tok", "experts_per_token", "top_k") ?? 2 : 0;
        var moeIntermediate = experts > 0 ? c.Int("moe_intermediate_size") ?? intermediate : 0;

        return new ModelSpec
        {
            Id = id,
            ModelType = modelType,
            HiddenSize = hidden,
            NumLayers = layers,
            NumHeads = heads,
            NumKvHeads = kvHeads,
            HeadDim = headDim,
            IntermediateSize = intermediate,
            VocabSize = vocab,
            TieWordEmbeddings = tie,
            HiddenAct = act,
            SlidingWindow = window,
            SlidingWindowLayers = windowLayers,
            AttentionBias = c.Bool("attention_bias") ?? (modelType == "qwen2" || plain),
            MlpGated = c.Bool("mlp_gated") ?? !plain,
            MlpBias = c.Bool("mlp_bias"),
            Norm = (c.Bool("layer_norm") ?? plain) ? NormKind.LayerNorm : NormKind.RmsNorm,
            NormsPerLayer = c.Int("norms_per_layer") ?? (modelType is "gemma2" or "gemma3" or "gemma3_text" ? 4 : 2),
            MaxPositionEmbeddings = c.Int("max_position_embeddings", "n_positions") ?? 0,
            KvLoraRank = c.Int("kv_lora_rank") ?? 0,
            QLoraRank = c.Int("q_lora_rank") ?? 0,
            QkRopeHeadDim = c.Int("qk_rope_head_dim") ?? 0,
            QkNopeHeadDim = c.Int("qk_nope_head_dim") ?? 0,
            VHeadDim = c.Int("v_head_dim") ?? 0,
            NumExperts = experts,
            ExpertsPerToken = expertsPerToken,
            MoeIntermediateSize = moeIntermediate,
            NumSharedExperts = c.Int("n_shared_experts") ?? SharedFromWidth(c.Int("shared_expert_intermediate_size", "moe_shared_expert_intermediate_size") ?? 0, moeIntermediate),
            FirstDenseLayers = c.Int("first_k_dense_replace") ?? 0,
            MoeLayerFrequency = c.Int("moe_layer_freq", "decoder_sparse_step", "expert_layer_period") ?? 1,
            MoeLayerOffset = c.Int("moe_layer_offset", "expert_layer_offset") ?? 0,
            AttentionOutputGate = c.Bool("attn_output_gate") ?? modelType == "qwen3_next",
        };
    }
}
