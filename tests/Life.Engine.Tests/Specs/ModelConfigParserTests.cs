using Life.Engine.Specs;

namespace Life.Engine.Tests.Specs;

public sealed class ModelConfigParserTests
{
    [Fact]
    public void A_llama_config_is_read_with_defaults_for_absent_fields()
    {
        var spec = ModelConfigParser.Parse("""{"hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"intermediate_size":11008,"vocab_size":32000}""", "m", "m.json");

        Assert.Equal(32, spec.NumKvHeads);
        Assert.Equal(128, spec.HeadDim);
        Assert.False(spec.TieWordEmbeddings);
        Assert.True(spec.MlpGated);
        Assert.Equal(0, spec.SlidingWindow);
    }

    [Fact]
    public void Mla_and_moe_fields_are_parsed()
    {
        var spec = ModelConfigParser.Parse(
            """
            {"model_type":"deepseek_v2","hidden_size":2048,"num_hidden_layers":27,"num_attention_heads":16,"intermediate_size":10944,"vocab_size":102400,
             "kv_lora_rank":512,"q_lora_rank":null,"qk_rope_head_dim":64,"qk_nope_head_dim":128,"v_head_dim":128,
             "n_routed_experts":64,"num_experts_per_tok":6,"moe_intermediate_size":1408,"n_shared_experts":2,"first_k_dense_replace":1,"moe_layer_freq":1}
            """,
            "dsv2", "dsv2.json");

        Assert.True(spec.IsMla);
        Assert.Equal(512, spec.KvLoraRank);
        Assert.Equal(0, spec.QLoraRank);
        Assert.True(spec.IsMoe);
        Assert.Equal(64, spec.NumExperts);
        Assert.Equal(26, spec.MoeLayerCount);
        Assert.Equal(2, spec.NumSharedExperts);
    }

    [Fact]
    public void Gemma_two_alternates_sliding_and_global_layers()
    {
        var spec = ModelConfigParser.Parse(
            """{"model_type":"gemma2","hidden_size":2304,"num_hidden_layers":26,"num_attention_heads":8,"num_key_value_heads":4,"head_dim":256,"intermediate_size":9216,"vocab_size":256000,"sliding_window":4096,"max_position_embeddings":8192}""",
            "g", "g.json");

        Assert.Equal(4096, spec.SlidingWindow);
        Assert.Equal(13, spec.SlidingWindowLayers);
        Assert.True(spec.TieWordEmbeddings);
        Assert.Equal(4, spec.NormsPerLayer);
    }

    [Fact]
    public void A_multimodal_config_is_read_from_its_nested_text_model_and_says_the_vision_tower_is_not_modelled()
    {
        // google/gemma-3-4b-it's config.json shape: the transformer lives under text_config, the SigLIP
        // encoder under vision_config; the top level has no hidden_size of its own.
        var spec = ModelConfigParser.Parse(
            """
            {"architectures":["Gemma3ForConditionalGeneration"],"model_type":"gemma3","mm_tokens_per_image":256,
             "text_config":{"model_type":"gemma3_text","hidden_size":2560,"intermediate_size":10240,"num_hidden_layers":34,
                            "num_attention_heads":8,"num_key_value_heads":4,"head_dim":256,"vocab_size":262208,
                            "sliding_window":1024,"max_position_embeddings":131072},
             "vision_config":{"model_type":"siglip_vision_model","hidden_size":1152,"num_hidden_layers":27,"num_attention_heads":16,"intermediate_size":4304},
             "tie_word_embeddings":true}
            """,
            "g3", "g3.json");

        Assert.Equal(2560, spec.HiddenSize);
        Assert.Equal(34, spec.NumLayers);
        Assert.Equal(262208, spec.VocabSize);
        Assert.Equal("gemma3_text", spec.ModelType);
        Assert.Equal(4, spec.NormsPerLayer);
        Assert.True(spec.TieWordEmbeddings);
        Assert.True(spec.VisionTowerNotModelled);
    }

    [Fact]
    public void A_nested_text_model_falls_back_to_top_level_keys_it_does_not_repeat()
    {
        // LLaVA-style: vocab_size only at the top level.
        var spec = ModelConfigParser.Parse(
            """
            {"model_type":"llava","vocab_size":32064,
             "text_config":{"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"intermediate_size":11008}}
            """,
            "llava", "llava.json");

        Assert.Equal(4096, spec.HiddenSize);
        Assert.Equal(32064, spec.VocabSize);
        Assert.True(spec.VisionTowerNotModelled);
    }

    [Fact]
    public void A_text_only_config_does_not_claim_a_vision_tower()
    {
        var spec = ModelConfigParser.Parse("""{"hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"intermediate_size":11008,"vocab_size":32000}""", "m", "m.json");

        Assert.False(spec.VisionTowerNotModelled);
    }

    [Fact]
    public void A_disabled_sliding_window_is_ignored()
    {
        var spec = ModelConfigParser.Parse(
            """{"model_type":"qwen2","hidden_size":3584,"num_hidden_layers":28,"num_attention_heads":28,"num_key_value_heads":4,"intermediate_size":18944,"vocab_size":152064,"sliding_window":131072,"use_sliding_window":false}""",
            "q", "q.json");

        Assert.Equal(0, spec.SlidingWindow);
        Assert.True(spec.AttentionBias);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("""{"num_hidden_layers":2,"num_attention_heads":2,"vocab_size":10}""", "field 'hidden_size' is missing")]
    [InlineData("""{"hidden_size":"big","num_hidden_layers":2,"num_attention_heads":2,"vocab_size":10}""", "field 'hidden_size' is not an integer")]
    [InlineData("""{"hidden_size":-8,"num_hidden_layers":2,"num_attention_heads":2,"vocab_size":10}""", "hidden_size = -8 must be a positive integer")]
    [InlineData("""{"hidden_size":8,"num_hidden_layers":0,"num_attention_heads":2,"vocab_size":10}""", "num_hidden_layers = 0")]
    [InlineData("""{"hidden_size":8,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":3,"vocab_size":10}""", "num_key_value_heads = 3 must divide")]
    [InlineData("""{"hidden_size":8,"num_hidden_layers":2,"num_attention_heads":2,"vocab_size":10,"tie_word_embeddings":"yes"}""", "field 'tie_word_embeddings' is not a boolean")]
    [InlineData("""{"hidden_size":8,"num_hidden_layers":2,"num_attention_heads":2,"vocab_size":10,"num_local_experts":2,"num_experts_per_tok":3}""", "num_experts_per_tok = 3 exceeds")]
    public void A_malformed_config_is_rejected_with_a_message_naming_the_field(string json, string message)
    {
        var error = Assert.Throws<EngineInputException>(() => ModelConfigParser.Parse(json, "bad", "bad.json"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
