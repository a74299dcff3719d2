using Life.Engine.Catalog;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Catalog;

public sealed class ModelNameKeyTests
{
    public static TheoryData<string, string> LooseNames => new()
    {
        { "Meta-Llama-3-8B-Instruct", "llama-3-8b" },
        { "meta-llama/Llama-2-7b-chat-hf", "llama-2-7b" },
        { "meta-llama/Meta-Llama-3.1-8B-Instruct", "llama-3.1-8b" },
        { "llama3.1:8b", "llama-3.1-8b" },
        { "Llama 2 13B", "llama-2-13b" },
        { "mistral-7b-instruct-v0.2", "mistral-7b" },
        { "Mixtral-8x7B-Instruct-v0.1", "mixtral-8x7b" },
        { "Qwen/Qwen2.5-7B-Instruct-AWQ", "qwen2.5-7b" },
        { "llama-2-7b.Q4_0", "llama-2-7b" },
        { "Llama-2-70B-chat-GPTQ", "llama-2-70b" },
        { "gemma-2-2b-it", "gemma-2-2b" },
    };

    [Theory]
    [MemberData(nameof(LooseNames))]
    public void Names_as_measurement_files_write_them_find_the_catalog_model(string name, string id)
    {
        Assert.True(Shipped.Catalog.TryGetModel(name, out var spec), $"'{name}' not found");
        Assert.Equal(id, spec.Id);
        Assert.Equal(id, Shipped.Catalog.ResolveModel(name).Id);
    }

    [Theory]
    [InlineData("llama-3-13b")]
    [InlineData("deepseek-v2")]
    [InlineData("llama")]
    [InlineData("mistral-7b-32k-extended")]
    public void Names_of_architectures_the_catalog_lacks_are_not_matched_to_a_neighbour(string name)
    {
        Assert.False(Shipped.Catalog.TryGetModel(name, out _));
        Assert.Throws<EngineInputException>(() => Shipped.Catalog.ResolveModel(name));
    }

    [Fact]
    public void Versions_of_a_family_stay_apart()
    {
        Assert.NotEqual(ModelNameKey.Of("Llama-3-8B"), ModelNameKey.Of("Llama-3.1-8B"));
        Assert.Equal(ModelNameKey.Of("llama-3.1-8b"), ModelNameKey.Of("Meta-Llama-3.1-8B-Instruct"));
    }

    [Fact]
    public void A_key_two_entries_share_resolves_to_neither()
    {
        var a = Entry("model-a");
        var b = Entry("model-a-instruct");
        var keys = BuiltInCatalog.KeysOf(new Dictionary<string, CatalogEntry<ModelSpec>>(StringComparer.OrdinalIgnoreCase)
        {
            ["model-a"] = a,
            ["model-a-instruct"] = b,
            ["model-b"] = Entry("model-b"),
        });

        Assert.Null(keys[ModelNameKey.Of("Model-A-Chat")]);
        Assert.Equal("model-b", keys[ModelNameKey.Of("Model-B-Instruct")]!.Id);
    }

    private static CatalogEntry<ModelSpec> Entry(string id) =>
        new(id, default, [], new Dictionary<string, string>(StringComparer.Ordinal));
}
