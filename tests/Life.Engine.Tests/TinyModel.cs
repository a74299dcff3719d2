using Life.Engine.Specs;

namespace Life.Engine.Tests;

/// <summary>
/// A made-up model small enough to count by hand: hidden 8, 2 layers, 2 query heads sharing 1 KV head
/// of dim 4 (GQA), gated MLP of width 16, vocabulary 10, untied LM head.
/// </summary>
internal static class TinyModel
{
    public const string Json = """
        {"model_type":"llama","hidden_size":8,"num_hidden_layers":2,"num_attention_heads":2,"num_key_value_heads":1,
         "head_dim":4,"intermediate_size":16,"vocab_size":10,"tie_word_embeddings":false,"hidden_act":"silu"}
        """;

    public static ModelSpec Spec => ModelConfigParser.Parse(Json, "tiny", "tiny.json");

    public static ModelSpec With(string extraJson) =>
        ModelConfigParser.Parse(Json.TrimEnd().TrimEnd('}') + "," + extraJson + "}", "tiny", "tiny.json");
}
