namespace Life.Engine.Specs;

/// <summary>
/// A transformer's shape, as read from its Hugging Face <c>config.json</c> (<see cref="ModelConfigParser"/>).
/// Every field the engine can use is parsed, including MLA and MoE fields.
/// </summary>
public readonly struct ModelSpec
{
    public string Id { get; init; }

    public string ModelType { get; init; }

    public int HiddenSize { get; init; }

    public int NumLayers { get; init; }

    public int NumHeads { get; init; }

    public int NumKvHeads { get; init; }

    public int HeadDim { get; init; }

    public int IntermediateSize { get; init; }

    public int VocabSize { get; init; }

    public bool TieWordEmbeddings { get; init; }

    public string HiddenAct { get; init; }

    /// <summary>Sliding attention window in tokens; 0 when every layer attends to the whole context.</summary>
    public int SlidingWindow { get; init; }

    /// <summary>How many of the layers use <see cref="SlidingWindow"/> (all of them for Mistral, half for Gemma-2).</summary>
    public int SlidingWindowLayers { get; init; }

    public bool AttentionBias { get; init; }

    /// <summary>True for gated MLPs (SwiGLU/GeGLU: gate, up, down); false for plain up/down MLPs.</summary>
    public bool MlpGated { get; init; }

    /// <summary>Whether the MLP projections have biases (<c>mlp_bias</c>); null: plain MLPs do, gated ones do not.</summary>
    public bool? MlpBias { get; init; }

    public NormKind Norm { get; init; }

    /// <summary>Norms per layer: 2 for Llama-style blocks, 4 for Gemma-2 (pre and post norms).</summary>
    public int NormsPerLayer { get; init; }

    public int MaxPositionEmbeddings { get; init; }

    // Multi-head latent attention (DeepSeek-V2/V3).
    public int KvLoraRank { get; init; }

    public int QLoraRank { get; init; }

    public int QkRopeHeadDim { get; init; }

    public int QkNopeHeadDim { get; init; }

    public int VHeadDim { get; init; }

    // Mixture of experts.
    public int NumExperts { get; init; }

    public int ExpertsPerToken { get; init; }

    public int MoeIntermediateSize { get; init; }

    public int NumSharedExperts { get; init; }

    /// <summary>Leading layers that keep a dense MLP (DeepSeek's first_k_dense_replace).</summary>
    public int FirstDenseLayers { get; init; }

    /// <summary>Every n-th layer (after the dense ones) is an MoE layer.</summary>
    public int MoeLayerFrequency { get; init; }

    /// <summary>Index of the first MoE layer within each period of <see cref="MoeLayerFrequency"/> (Jamba's expert_layer_offset).</summary>
    public int MoeLayerOffset { get; init; }

    /// <summary>Whether layer <paramref name="layer"/>'s MLP is a mixture of experts.</summary>
    public bool IsMoeLayer(int layer)
    {
        // NemotronH names its MoE and dense MLP layers in the pattern.
        var named = LayerMixers is { } mixers && layer < mixers.Length ? mixers[layer] : AttentionMixer;
        if (named is MoeAlone or NoMixer)
        {
            return IsMoe && named == MoeAlone;
        }

        var frequency = Math.Max(1, MoeLayerFrequency);
        return IsMoe && layer >= FirstDenseLayers && layer % frequency == MoeLayerOffset % frequency;
    }

    /// <summary>
    /// The token mixer of each layer, one character per layer: <see cref="AttentionMixer"/> (softmax attention,
    /// full or sliding), <see cref="LinearAttentionMixer"/> (Gated DeltaNet, Qwen3-Next's
    /// <c>linear_attention</c>) or <see cref="MambaMixer"/> (a Mamba / Mamba-2 state-space layer), each
    /// followed by the layer's MLP; in lower case the mixer alone, and <see cref="NoMixer"/> an MLP alone
    /// (NemotronH's single-block layers). Empty when every layer is attention with an MLP. Read from
    /// <c>layer_types</c>, <c>full_attention_interval</c>, Jamba's <c>attn_layer_period</c>/<c>attn_layer_offset</c>,
    /// Bamba's <c>attn_layer_indices</c> or NemotronH's <c>hybrid_override_pattern</c>.
    /// </summary>
    public string LayerMixers { get; init; }

    public const char AttentionMixer = 'A';

    public const char LinearAttentionMixer = 'L';

    public const char MambaMixer = 'M';

    /// <summary>A layer with no token mixer: only its MLP.</summary>
    public const char NoMixer = '-';

    /// <summary>A layer with no token mixer whose MLP is a mixture of experts (NemotronH's 'E').</summary>
    public const char MoeAlone = 'E';

    /// <summary>Attention and a Mamba-2 mixer side by side on the same normed input, outputs summed (Falcon-H1).</summary>
    public const char ParallelMixer = 'P';

    /// <summary>Whether any layer runs a Mamba mixer (alone or beside attention).</summary>
    public bool HasMambaLayers => LayersWith(MambaMixer) + LayersWith(ParallelMixer) > 0;

    // Gated DeltaNet (linear attention) layers: q and k heads of LinearKeyHeadDim, v heads of LinearValueHeadDim.
    public int LinearKeyHeads { get; init; }

    public int LinearValueHeads { get; init; }

    public int LinearKeyHeadDim { get; init; }

    public int LinearValueHeadDim { get; init; }

    /// <summary>Causal short-convolution kernel width of linear-attention and Mamba layers (<c>linear_conv_kernel_dim</c>, <c>d_conv</c>).</summary>
    public int ConvKernel { get; init; }

    // Mamba layers: d_inner channels, each with a d_state-wide state; Mamba-2 splits the channels into
    // MambaHeads heads and shares B and C over MambaGroups groups; Mamba-1 (MambaHeads = 0) has a dt_rank projection.
    public int MambaInnerSize { get; init; }

    public int MambaStateSize { get; init; }

    public int MambaHeads { get; init; }

    public int MambaGroups { get; init; }

    public int MambaDtRank { get; init; }

    /// <summary>Bits of the recurrent state of linear-attention and Mamba layers: 16 (the model's dtype, vLLM's default; 0 means 16) or 32 when the config asks for float32.</summary>
    public int StateBits { get; init; }

    /// <summary>Bytes per element of the recurrent state.</summary>
    public double StateBytes => StateBits > 0 ? StateBits / 8.0 : 2;

    /// <summary>Attention output gate (Qwen3-Next): q_proj also produces a per-element sigmoid gate on the attention output.</summary>
    public bool AttentionOutputGate { get; init; }

    /// <summary>
    /// True when the config is multimodal (a nested <c>text_config</c> or a <c>vision_config</c>): only the
    /// text model is timed, the vision tower is not modelled.
    /// </summary>
    public bool VisionTowerNotModelled { get; init; }

    public bool IsMoe => NumExperts > 0;

    public bool IsMla => KvLoraRank > 0;

    /// <summary>The token mixer of layer <paramref name="layer"/> in upper case (<see cref="AttentionMixer"/> when none is named).</summary>
    public char MixerOf(int layer)
    {
        var mixer = LayerMixers is { } mixers && layer < mixers.Length ? mixers[layer] : AttentionMixer;
        return mixer == MoeAlone ? NoMixer : char.ToUpperInvariant(mixer);
    }

    /// <summary>Whether layer <paramref name="layer"/> has an MLP after its mixer (a lower-case mixer has none).</summary>
    public bool HasMlp(int layer) => LayerMixers is not { } mixers || layer >= mixers.Length || !char.IsLower(mixers[layer]);

    /// <summary>Layers whose mixer is <paramref name="mixer"/>.</summary>
    public int LayersWith(char mixer)
    {
        var count = 0;
        for (var layer = 0; layer < NumLayers; layer++)
        {
            count += MixerOf(layer) == mixer ? 1 : 0;
        }

        return count;
    }

    /// <summary>Number of layers whose MLP is a mixture of experts.</summary>
    public int MoeLayerCount
    {
        get
        {
            if (!IsMoe)
            {
                return 0;
            }

            var count = 0;
            for (var layer = 0; layer < NumLayers; layer++)
            {
                count += IsMoeLayer(layer) && HasMlp(layer) ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>
    /// Whether <paramref name="tokens"/> positions are within what the model was trained for
    /// (<c>max_position_embeddings</c>; no limit when the config gives none). Past it the forecast is of
    /// a model that does not work, so predict rejects it and sweeps flag the row.
    /// </summary>
    public bool SupportsContext(long tokens) => MaxPositionEmbeddings <= 0 || tokens <= MaxPositionEmbeddings;

    /// <summary>Throws <see cref="EngineInputException"/> when <paramref name="workload"/> runs past the model's positions.</summary>
    public void ValidateContext(in Workload workload)
    {
        if (!SupportsContext(workload.ContextTokens))
        {
            Fail(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{workload.InputTokens} input + {workload.OutputTokens} output tokens exceed max_position_embeddings = {MaxPositionEmbeddings}"));
        }
    }

    /// <summary>Throws <see cref="EngineInputException"/> naming the first impossible field.</summary>
    public void Validate()
    {
        Positive(HiddenSize, "hidden_size");
        Positive(NumLayers, "num_hidden_layers");
        Positive(NumHeads, "num_attention_heads");
        Positive(NumKvHeads, "num_key_value_heads");
        Positive(HeadDim, "head_dim");
        Positive(IntermediateSize, "intermediate_size");
        Positive(VocabSize, "vocab_size");
        if (NumKvHeads > NumHeads || NumHeads % NumKvHeads != 0)
        {
            Fail($"num_key_value_heads = {NumKvHeads} must divide num_attention_heads = {NumHeads}");
        }

        if (SlidingWindow < 0 || SlidingWindowLayers < 0 || SlidingWindowLayers > NumLayers)
        {
            Fail($"sliding_window = {SlidingWindow} over {SlidingWindowLayers} layers is out of range");
        }

        if (IsMla)
        {
            Positive(QkRopeHeadDim, "qk_rope_head_dim");
            Positive(QkNopeHeadDim, "qk_nope_head_dim");
            Positive(VHeadDim, "v_head_dim");
        }

        ValidateMixers();
        if (IsMoe)
        {
            Positive(ExpertsPerToken, "num_experts_per_tok");
            Positive(MoeIntermediateSize, "moe_intermediate_size");
            if (ExpertsPerToken > NumExperts)
            {
                Fail($"num_experts_per_tok = {ExpertsPerToken} exceeds the {NumExperts} experts");
            }
        }
    }

    private void ValidateMixers()
    {
        if (string.IsNullOrEmpty(LayerMixers))
        {
            return;
        }

        if (LayerMixers.Length != NumLayers)
        {
            Fail($"{LayerMixers.Length} layer mixers given for num_hidden_layers = {NumLayers}");
        }

        foreach (var mixer in LayerMixers)
        {
            if (char.ToUpperInvariant(mixer) is not (AttentionMixer or LinearAttentionMixer or MambaMixer or ParallelMixer or NoMixer or MoeAlone))
            {
                Fail($"layer mixer '{mixer}' is not one of A (attention), L (linear attention), M (Mamba), P (attention and Mamba side by side) (lower case: no MLP), - (MLP alone), E (MoE alone)");
            }

            if (mixer == MoeAlone && !IsMoe)
            {
                Fail("an MoE layer (E) needs n_routed_experts");
            }
        }

        if (LayersWith(LinearAttentionMixer) > 0)
        {
            Positive(LinearKeyHeads, "linear_num_key_heads");
            Positive(LinearValueHeads, "linear_num_value_heads");
            Positive(LinearKeyHeadDim, "linear_key_head_dim");
            Positive(LinearValueHeadDim, "linear_value_head_dim");
            Positive(ConvKernel, "linear_conv_kernel_dim");
            if (LinearValueHeads % LinearKeyHeads != 0)
            {
                Fail($"linear_num_key_heads = {LinearKeyHeads} must divide linear_num_value_heads = {LinearValueHeads}");
            }
        }

        if (HasMambaLayers)
        {
            Positive(MambaInnerSize, "mamba d_inner");
            Positive(MambaStateSize, "mamba d_state");
            Positive(ConvKernel, "mamba d_conv");
            if (MambaHeads > 0)
            {
                Positive(MambaGroups, "n_groups");
            }
            else
            {
                Positive(MambaDtRank, "mamba dt_rank");
            }
        }

        if (StateBits is not (0 or 16 or 32))
        {
            Fail($"state bits = {StateBits} must be 16 or 32");
        }
    }

    private void Positive(int value, string field)
    {
        if (value <= 0)
        {
            Fail($"{field} = {value} must be a positive integer");
        }
    }

    private void Fail(string message) => throw new EngineInputException($"model '{Id}': {message}");
}
