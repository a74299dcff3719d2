using Life.Sweep.Pareto;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Space;

public sealed class EquivalentConfigurationsTests
{
    [Fact]
    public void A_chunk_at_least_the_prompt_is_the_unchunked_row_and_only_the_first_of_them_is_canonical()
    {
        var rows = Evaluate("optimizations: {chunk: [0, 512, 2048]}\nworkload: {input_tokens: [128, 1024, 4096], output_tokens: [16]}");

        // (chunk, input) → canonical: chunk 0 always; 512 is unchunked for 128 only; 2048 for 128 and 1024.
        var expected = new Dictionary<(double, double), bool>
        {
            [(0, 128)] = true, [(0, 1024)] = true, [(0, 4096)] = true,
            [(512, 128)] = false, [(512, 1024)] = true, [(512, 4096)] = true,
            [(2048, 128)] = false, [(2048, 1024)] = false, [(2048, 4096)] = true,
        };
        Assert.Equal(9, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal(expected[(row.Value("chunk"), row.Value("input_tokens"))], row.Canonical);
            if (!row.Canonical)
            {
                // The row it duplicates: the same prompt, unchunked.
                var unchunked = rows.Single(r => r.Value("chunk") == 0 && r.Value("input_tokens") == row.Value("input_tokens"));
                Assert.Equal(unchunked.Metrics, row.Metrics);
            }
        }
    }

    [Fact]
    public void Without_a_zero_chunk_the_first_chunk_that_covers_the_prompt_stands_for_unchunked()
    {
        var rows = Evaluate("optimizations: {chunk: [512, 2048]}\nworkload: {input_tokens: [128], output_tokens: [16]}");

        Assert.Equal([true, false], rows.Select(r => r.Canonical));
        Assert.Equal(rows[0].Metrics, rows[1].Metrics);
    }

    [Fact]
    public void Lora_modes_without_an_adapter_and_an_adapter_merged_offline_are_one_configuration()
    {
        var rows = Evaluate("optimizations: {lora_rank: [0, 16], lora_mode: [unmerged, merged, merge-inline]}\nworkload: {input_tokens: [128], output_tokens: [16]}");

        // Rank 0 in any mode and rank 16 merged add nothing: all equal (0, unmerged), which comes first.
        // Rank 16 unmerged and merge-inline are adapters of their own.
        Assert.Equal([true, false, false, true, false, true], rows.Select(r => r.Canonical));
        Assert.All(new[] { 1, 2, 4 }, i => Assert.Equal(rows[0].Metrics, rows[i].Metrics));
        Assert.NotEqual(rows[0].Metrics, rows[3].Metrics);
        Assert.NotEqual(rows[0].Metrics, rows[5].Metrics);
    }

    [Fact]
    public void A_quantization_group_matters_only_to_integer_bits_below_16()
    {
        var rows = Evaluate("optimizations: {weight_bits: [16, 4.5, 4], quant_group: [128, 32]}\nworkload: {input_tokens: [128], output_tokens: [16]}");

        // 16-bit weights have no groups, 4.5 (Q4_0) has its own blocks; int4 adds 4 bytes of scales per group.
        Assert.Equal([true, false, true, false, true, true], rows.Select(r => r.Canonical));
        Assert.Equal(rows[0].Metrics, rows[1].Metrics);
        Assert.Equal(rows[2].Metrics, rows[3].Metrics);
        Assert.NotEqual(rows[4].Metrics, rows[5].Metrics);
    }

    [Fact]
    public void A_shards_front_lists_an_equivalent_configuration_once()
    {
        var spec = SpecText.Parse($"{Header}\noptimizations: {{chunk: [0, 4096]}}\nworkload: {{batch: [1, 8], input_tokens: [128, 2048], output_tokens: [64]}}\nobjectives: [min:tpot_ms, max:output_tps]");
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);

        var front = PartialFront.Of(batch, spec.Objectives);

        // Every chunk-4096 row repeats its chunk-0 row (both prompts are shorter): without
        // canonicalization each front point came twice.
        Assert.NotEmpty(front.Ids);
        Assert.All(front.Ids, id => Assert.True(batch.Canonical[Array.IndexOf(batch.ConfigIds, id)]));
        Assert.Equal(front.Count, front.Values.Chunk(2).Select(v => (v[0], v[1])).Distinct().Count());
    }

    [Fact]
    public void Deciding_canonical_rows_allocates_nothing()
    {
        var spec = SpecText.Parse($"{Header}\noptimizations: {{weight_bits: [16, 4], quant_group: [128, 32], lora_rank: [0, 8], lora_mode: [merged, unmerged], chunk: [0, 256, 1024]}}\nworkload: {{input_tokens: [128, 512, 2048], output_tokens: [16]}}");
        var space = new SweepSpace(spec);
        var equivalents = new EquivalentConfigurations(space);
        Span<int> digits = stackalloc int[space.DimensionCount];
        var canonical = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (long id = 0; id < space.Count; id++)
        {
            space.Decode(id, digits);
            canonical += equivalents.IsCanonical(digits) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // 2 weight formats × 2 groups × 4 LoRA pairs × 3 chunks × 3 prompts = 144 rows. Groups: 16-bit
        // keeps its first only (3 of 4 pairs of formats × groups). LoRA: merged or rank 0 is one
        // configuration, so (0, merged) and (8, unmerged) remain (2 of 4). Chunks over prompts
        // 128/512/2048: 0 always, 256 for 512 and 2048, 1024 for 2048 (6 of 9). 3 · 2 · 6 = 36.
        Assert.Equal(36, canonical);
    }

    private const string Header = "hardware: [h100-sxm]\nmodels: [llama-3-8b]";

    private static List<Row> Evaluate(string body)
    {
        var spec = SpecText.Parse($"{Header}\n{body}");
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);
        var rows = new List<Row>();
        for (var row = 0; row < batch.Count; row++)
        {
            var values = new Dictionary<string, double>();
            for (var d = 0; d < spec.Dimensions.Count; d++)
            {
                var dimension = spec.Dimensions[d];
                values[dimension.Key] = dimension.Kind == DimensionKind.Text ? batch.Indices[d][row] : dimension.Numbers[IndexIn(dimension, batch, d, row)];
            }

            var metrics = Enumerable.Range(0, MetricColumns.Count).Select(m => batch.Metrics[m][row]).ToArray();
            rows.Add(new Row(values, batch.Canonical[row], string.Join(",", metrics)));
        }

        return rows;
    }

    private static int IndexIn(Dimension dimension, ResultBatch batch, int d, int row)
    {
        var value = dimension.Kind == DimensionKind.Real ? batch.Reals[d][row] : batch.Integers[d][row];
        return Array.IndexOf(dimension.Numbers, value);
    }

    private sealed record Row(Dictionary<string, double> Values, bool Canonical, string Metrics)
    {
        public double Value(string key) => Values[key];
    }
}
