using Life.Engine.Calibration;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Catalog;

public sealed class BuiltInCatalogTests
{
    // The catalog names of shared/docs/interfaces.md ("Catalog names"): specs and checks rely on them.
    public static TheoryData<string> HardwareIds => new()
    {
        "v100", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "l40s", "l4", "rtx-4090", "rtx-3090", "mi300x",
        "rx-7900-xtx", "ryzen-9-hx-370-cpu", "ryzen-ai-max-395-npu", "ryzen-ai-max-395-igpu", "m2-max", "m3-max",
    };

    public static TheoryData<string> ModelIds => new()
    {
        "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3.1-8b", "llama-3-70b", "llama-3.3-70b",
        "mistral-7b", "qwen2.5-7b", "gemma-2-2b", "mixtral-8x7b", "deepseek-v2-lite",
    };

    [Theory]
    [MemberData(nameof(HardwareIds))]
    public void Every_contract_hardware_id_resolves_with_a_source_for_each_number(string id)
    {
        var spec = Shipped.Catalog.ResolveHardware(id);
        var entry = Shipped.Catalog.Hardware.Single(e => e.Id == id);

        Assert.Equal(id, spec.Id);
        Assert.True(spec.Fp16Tflops > 0 && spec.BandwidthGBs > 0 && spec.MemoryGB > 0);
        foreach (var field in new[] { "fp16_tflops", "bandwidth_gbs", "memory_gb" })
        {
            Assert.True(entry.Sources.TryGetValue(field, out var source) && source.Length > 0, $"{id}: no source for {field}");
        }
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Every_contract_model_id_resolves_and_names_its_config_source(string id)
    {
        var spec = Shipped.Catalog.ResolveModel(id);
        var entry = Shipped.Catalog.Models.Single(e => e.Id == id);

        Assert.Equal(id, spec.Id);
        Assert.StartsWith("https://huggingface.co/", entry.Sources["config.json"], StringComparison.Ordinal);
    }

    [Theory]
    // Published parameter counts, in billions.
    [InlineData("llama-2-7b", 6.74)]
    [InlineData("llama-2-13b", 13.0)]
    [InlineData("llama-2-70b", 69.0)]
    [InlineData("llama-3-8b", 8.03)]
    [InlineData("llama-3-70b", 70.6)]
    [InlineData("mistral-7b", 7.24)]
    [InlineData("qwen2.5-7b", 7.62)]
    [InlineData("gemma-2-2b", 2.61)]
    [InlineData("mixtral-8x7b", 46.7)]
    [InlineData("deepseek-v2-lite", 15.7)]
    public void Catalog_models_have_their_published_parameter_counts(string id, double billions)
    {
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel(id), new Optimizations(), Shipped.Defaults);

        Assert.Equal(billions, table.ParameterCount / 1e9, 0.01 * billions);
    }

    [Theory]
    [InlineData("b200", 5.25)] // lyceum.technology, March 2026: $4.50-$6.00 on-demand, midpoint
    [InlineData("l4", 0.44)] // deploybase.ai: RunPod on-demand
    [InlineData("mi300x", 1.99)] // cliffcenter.com, May 2026: median across providers
    public void Devices_without_a_list_price_are_costed_at_their_cited_rental_price(string id, double usdPerHour)
    {
        var hardware = Shipped.Catalog.ResolveHardware(id);

        Assert.True(hardware.HasCost);
        Assert.Equal(usdPerHour, hardware.HourlyCostUsd, 12);
        Assert.True(Shipped.Catalog.Hardware.Single(e => e.Id == id).Sources.ContainsKey("price_usd_per_hour"));
    }

    [Fact]
    public void Names_are_case_insensitive_and_aliases_resolve()
    {
        Assert.Equal("h100-sxm", Shipped.Catalog.ResolveHardware("H100-SXM").Id);
        Assert.Equal("rtx-4090", Shipped.Catalog.ResolveHardware("NVIDIA GeForce RTX 4090").Id);
    }

    [Fact]
    public void An_unknown_name_is_bad_input_naming_it()
    {
        var error = Assert.Throws<EngineInputException>(() => Shipped.Catalog.ResolveHardware("h900"));

        Assert.Contains("unknown hardware 'h900'", error.Message, StringComparison.Ordinal);
        Assert.Throws<EngineInputException>(() => Shipped.Catalog.ResolveModel("llama-9-1b"));
    }

    [Fact]
    public void Hardware_JSON_with_an_impossible_number_is_rejected()
    {
        var error = Assert.Throws<EngineInputException>(() => HardwareJson.Parse("""{"id":"bad","fp16_tflops":100,"bandwidth_gbs":-5,"memory_gb":10}""", "bad.json", Shipped.Defaults));

        Assert.Contains("bandwidth_gbs = -5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_resolves_names_only_and_an_unknown_name_points_at_the_catalog_command()
    {
        var error = Assert.Throws<EngineInputException>(() => Shipped.Catalog.ResolveHardware("/tmp/some.json"));

        Assert.Equal("unknown hardware '/tmp/some.json' (see `life-sweep catalog hardware`, or give a JSON file)", error.Message);
    }

    [Fact]
    public void Each_catalog_completes_its_hardware_with_its_own_defaults()
    {
        var none = new BuiltInCatalog(EfficiencyDefaults.BuiltIn);

        Assert.NotEqual(Shipped.Catalog.ResolveHardware("h100-sxm").MemoryEfficiency, none.ResolveHardware("h100-sxm").MemoryEfficiency);
    }
}
