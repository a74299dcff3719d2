using Life.Engine.Calibration;
using Life.Engine.Catalog;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Specs;

public sealed class EfficiencyDefaultsHashTests
{
    private const string Spec = """
        name: formats
        hardware: [h100-sxm]
        models: [llama-2-7b]
        optimizations: { weight_bits: [4.5] }
        workload: { batch: [1], input_tokens: [512], output_tokens: [128] }
        """;

    [Fact]
    public void The_same_text_under_the_same_defaults_has_the_same_hash_even_from_separately_loaded_instances()
    {
        var first = Parse(Spec, BuiltInCatalog.LoadShipped());
        var second = Parse(Spec, BuiltInCatalog.LoadShipped());

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.CanonicalJson, second.CanonicalJson);
    }

    [Fact]
    public void Other_weight_format_scales_make_another_sweep_with_other_rows()
    {
        var shipped = Parse(Spec, Shipped.Catalog);
        var other = Parse(Spec, new BuiltInCatalog(WithSlowerLegacyBlocks(Shipped.Defaults)));

        Assert.NotEqual(shipped.Hash, other.Hash);
        Assert.Contains("\"format_scales\"", shipped.CanonicalJson, StringComparison.Ordinal);
        Assert.True(Row(other, MetricColumn.TpotMs) > Row(shipped, MetricColumn.TpotMs));
    }

    [Fact]
    public void A_canonical_spec_reads_back_to_its_hash_under_its_defaults_and_is_refused_under_others()
    {
        var spec = Parse(Spec, Shipped.Catalog);

        var again = Parse(spec.CanonicalJson, Shipped.Catalog);
        var error = Assert.Throws<SpecException>(() => Parse(spec.CanonicalJson, new BuiltInCatalog(WithSlowerLegacyBlocks(Shipped.Defaults))));

        Assert.Equal(spec.Hash, again.Hash);
        Assert.Contains("format_scales: the spec was resolved under other weight-format scales", error.Message, StringComparison.Ordinal);
    }

    private static SweepSpec Parse(string text, BuiltInCatalog catalog) => SweepSpecParser.Parse(text, "spec.yaml", Path.GetTempPath(), catalog);

    private static EfficiencyDefaults WithSlowerLegacyBlocks(EfficiencyDefaults defaults)
    {
        var formats = defaults.Formats.ToDictionary(f => f.Key, f => f.Value);
        var legacy = defaults.ForWeights(4.5);
        formats[WeightFormat.LegacyBlock] = new FormatScales(legacy.Compute * 2, legacy.Memory * 2);
        return new EfficiencyDefaults(defaults.Devices, defaults.Frameworks, formats);
    }

    private static double Row(SweepSpec spec, MetricColumn metric)
    {
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);
        return batch.Metrics[(int)metric][0];
    }
}
