using FsCheck;
using FsCheck.Fluent;
using Life.Sweep.Space;

namespace Life.Sweep.Tests.Space;

public sealed class SweepSpaceTests
{
    [Fact]
    public void Config_ids_and_coordinates_are_a_bijection_for_random_specs()
    {
        var specs =
            from hardware in Gen.Choose(1, 3)
            from models in Gen.Choose(1, 3)
            from bits in Gen.Choose(1, 4)
            from batches in Gen.Choose(1, 5)
            from inputs in Gen.Choose(1, 4)
            from outputs in Gen.Choose(1, 3)
            from shard in Gen.Choose(1, 50)
            select (hardware, models, bits, batches, inputs, outputs, shard);
        Prop.ForAll(specs.ToArbitrary(), s =>
        {
            var space = new SweepSpace(SpecText.Parse(Yaml(s.hardware, s.models, s.bits, s.batches, s.inputs, s.outputs, s.shard)));
            var expected = (long)s.hardware * s.models * s.bits * s.batches * s.inputs * s.outputs;
            if (space.Count != expected)
            {
                return false;
            }

            Span<int> digits = stackalloc int[space.DimensionCount];
            Span<int> walked = stackalloc int[space.DimensionCount];
            space.Decode(0, walked);
            var seen = new HashSet<string>();
            for (long id = 0; id < space.Count; id++)
            {
                space.Decode(id, digits);
                if (space.Encode(digits) != id || !digits.SequenceEqual(walked) || !seen.Add(string.Join(',', digits.ToArray())))
                {
                    return false;
                }

                space.Increment(walked);
            }

            long covered = 0;
            for (long shard = 0; shard < space.ShardCount; shard++)
            {
                var (first, count) = space.Shard(shard);
                if (first != covered)
                {
                    return false;
                }

                covered += count;
            }

            return covered == space.Count;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void The_innermost_dimension_changes_fastest()
    {
        var space = new SweepSpace(SpecText.Parse(SpecText.Small));
        Span<int> digits = stackalloc int[space.DimensionCount];

        space.Decode(1, digits);

        Assert.Equal(1, digits[space.IndexOf("input_tokens")]);
        Assert.Equal(0, digits[space.IndexOf("model")]);
    }

    [Fact]
    public void A_billion_configuration_space_is_numbered_without_materializing_it()
    {
        var values = string.Join(", ", Enumerable.Range(1, 100));
        var space = new SweepSpace(SpecText.Parse($"hardware: [h100-sxm]\nmodels: [llama-2-7b]\noptimizations: {{lora_rank: [{values}], chunk: [{values}]}}\nworkload: {{batch: [{values}], input_tokens: [{values}], output_tokens: [{values}]}}\nshard_size: 1000000"));
        Span<int> digits = stackalloc int[space.DimensionCount];

        space.Decode(space.Count - 1, digits);

        Assert.Equal(10_000_000_000, space.Count);
        Assert.Equal(space.Count - 1, space.Encode(digits));
        Assert.Equal(10_000, space.ShardCount);
    }

    private static string Yaml(int hardware, int models, int bits, int batches, int inputs, int outputs, int shard)
    {
        string[] hardwareIds = ["h100-sxm", "l4", "rtx-4090"];
        string[] modelIds = ["llama-2-7b", "gemma-2-2b", "mistral-7b"];
        double[] bitValues = [16, 8, 4.5, 4];
        return $"""
            hardware: [{string.Join(", ", hardwareIds.Take(hardware))}]
            models: [{string.Join(", ", modelIds.Take(models))}]
            optimizations: {"{"}weight_bits: [{string.Join(", ", bitValues.Take(bits))}]{"}"}
            workload: {"{"}batch: [{string.Join(", ", Enumerable.Range(1, batches))}], input_tokens: [{string.Join(", ", Enumerable.Range(1, inputs).Select(i => i * 100))}], output_tokens: [{string.Join(", ", Enumerable.Range(1, outputs).Select(i => i * 10))}]{"}"}
            shard_size: {shard}
            """;
    }
}
