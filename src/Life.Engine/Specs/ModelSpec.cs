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

    /// <summary>
    /// True when the config is multimodal (a nested <c>text_config</c> or a <c>vision_config</c>): only the
    /// text model is timed, the vision tower is not modelled.
    /// </summary>
    public bool VisionTowerNotModelled { get; init; }

    public bool IsMoe => NumExperts > 0;

    public bool IsMla => KvLoraRank > 0;

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
            var frequency = Math.Max(1, MoeLayerFrequency);
            for (var layer = FirstDenseLayers; layer < NumLayers; layer++)
            {
                if (layer % frequency == 0)
                {
                    count++;
                }
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

    private void Positive(int value, string field)
    {
        if (value <= 0)
        {
            Fail($"{field} = {value} must be a positive integer");
        }
    }

    private void Fail(string message) => throw new EngineInputException($"model '{Id}': {message}");
}
