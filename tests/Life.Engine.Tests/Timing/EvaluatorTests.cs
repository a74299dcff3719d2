using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Timing;

public sealed class EvaluatorTests
{
    public static TheoryData<string, int, int, int> Cases() => new()
    {
        // model extra config, chunk, input, output
        { string.Empty, 0, 7, 30 },
        { string.Empty, 3, 10, 1 },
        { "\"sliding_window\":5", 0, 3, 25 },
        { "\"sliding_window\":5", 2, 9, 12 },
        { "\"sliding_window\":6", 4, 13, 40 },
        { "\"sliding_window\":4,\"layer_types\":[\"sliding_attention\",\"full_attention\"]", 3, 11, 17 },
        { "\"num_local_experts\":4,\"num_experts_per_tok\":2,\"moe_intermediate_size\":16", 2, 6, 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_closed_form_matches_a_step_by_step_reference_for_every_fusion_and_device(string extra, int chunk, int input, int output)
    {
        var model = extra.Length == 0 ? TinyModel.Spec : TinyModel.With(extra);
        var random = new Random(input * 31 + output);
        foreach (var fusion in new[] { FusionLevel.Eager, FusionLevel.Flash, FusionLevel.Full })
        {
            foreach (var options in new[]
            {
                new Optimizations { Fusion = fusion, ChunkSize = chunk },
                new Optimizations { Fusion = fusion, ChunkSize = chunk, WeightBits = 4, KvBits = 8, KvCache = KvCacheMode.Concat },
                new Optimizations { Fusion = fusion, ChunkSize = chunk, LoraRank = 2, Counting = CountingConvention.Life },
                new Optimizations { Fusion = fusion, ChunkSize = chunk, LoraRank = 2, LoraMode = LoraMode.MergeInline, ActivationBits = 8, WeightBits = 8 },
                new Optimizations { Fusion = fusion, ChunkSize = chunk, WeightBits = 4.85, AttentionComputeScale = 2.5, ScoreBits = 32 },
            })
            {
                var table = OperatorTable.Build(model, options, Shipped.Defaults);
                for (var trial = 0; trial < 4; trial++)
                {
                    // Tiny devices whose compute/memory balance makes operators cross the ridge as
                    // the context grows, so the split inside the closed form is exercised.
                    var device = new HardwareSpec
                    {
                        Fp16Tflops = 1e-9 * (1 + (random.NextDouble() * 50)),
                        Int8Tops = 2e-9 * (1 + (random.NextDouble() * 50)),
                        BandwidthGBs = 1e-9 * (1 + (random.NextDouble() * 50)),
                        MemoryGB = 1,
                        ComputeEfficiency = 0.3 + (random.NextDouble() * 0.7),
                        MemoryEfficiency = 0.3 + (random.NextDouble() * 0.7),
                        DispatchOverheadUs = random.NextDouble() * 1e6,
                        HalfEfficiencyTokens = trial % 2 == 0 ? 0 : random.NextDouble() * 20,
                        ComputeMemoryOverlap = trial < 2 ? 1 : random.NextDouble(),
                    };
                    foreach (var batch in new[] { 1, 3 })
                    {
                        var work = new Workload(batch, input, output);
                        foreach (var mode in new[] { RooflineMode.PerOperator, RooflineMode.WholeModel })
                        {
                            var expected = ReferenceEvaluator.Evaluate(table, device, work, mode);
                            var actual = Evaluator.Evaluate(table, device, work, mode);
                            AssertClose(expected.TtftMs, actual.TtftMs, $"TTFT {fusion} {mode} b{batch}");
                            AssertClose(expected.TpotMs, actual.TpotMs, $"TPOT {fusion} {mode} b{batch}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Derived_rates_follow_their_definitions()
    {
        var table = OperatorTable.Build(BuiltInCatalogModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var device = new HardwareSpec { Fp16Tflops = 989.4, BandwidthGBs = 3350, MemoryGB = 80, PriceUsdPerHour = 3.6, PowerW = 700 };
        var m = Evaluator.Evaluate(table, device, new Workload(8, 1000, 200));

        Assert.Equal(m.TtftMs + (199 * m.TpotMs), m.E2eMs, 9);
        Assert.Equal(1000 / m.TpotMs, m.PerUserTps, 9);
        Assert.Equal(8 * 1000 / m.TpotMs, m.DecodeTps, 9);
        Assert.Equal(8 * 1000 / (m.TtftMs / 1000), m.PrefillTps, 6);
        Assert.Equal(8 * 1200 / (m.E2eMs / 1000), m.ThroughputTps, 6);

        Assert.Equal(8 * 200 / (m.E2eMs / 1000), m.OutputTps, 6);

        // $3.60 per hour = $0.001 per second; per million tokens at the throughput, all tokens or
        // generated ones (8 · 200 of the 8 · 1200).
        Assert.Equal(0.001 / m.ThroughputTps * 1e6, m.CostPerMTok, 9);
        Assert.Equal(0.001 * (m.E2eMs / 1000) / (8 * 200) * 1e6, m.CostPerMOutputTokens, 9);
        Assert.Equal(6 * m.CostPerMTok, m.CostPerMOutputTokens, 9);

        // One request's joules, split over all its tokens or over the generated ones, at a mean power
        // between idle (0.11 · 700 = 77 W) and TDP.
        var joules = m.MeanPowerW * (m.E2eMs / 1000);
        Assert.Equal(joules / (8 * 1200), m.EnergyJPerToken, 9);
        Assert.Equal(joules / (8 * 200), m.EnergyJPerOutputToken, 9);
        Assert.InRange(m.MeanPowerW, 77, 700);
    }

    [Fact]
    public void Cost_and_energy_are_unknown_without_price_and_power()
    {
        var table = OperatorTable.Build(TinyModel.Spec, new Optimizations(), Shipped.Defaults);
        var m = Evaluator.Evaluate(table, new HardwareSpec { Fp16Tflops = 1, BandwidthGBs = 1, MemoryGB = 1 }, new Workload(1, 4, 4));

        Assert.True(double.IsNaN(m.CostPerMTok));
        Assert.True(double.IsNaN(m.EnergyJPerToken));
        Assert.True(double.IsNaN(m.CostPerMOutputTokens));
        Assert.True(double.IsNaN(m.EnergyJPerOutputToken));
    }

    [Fact]
    public void A_purchase_price_is_amortized_over_three_years_plus_electricity()
    {
        var device = new HardwareSpec { PriceUsd = 26280, PowerW = 1000 };

        // $26,280 over 26,280 hours is $1/hour; 1 kW at $0.15/kWh adds $0.15/hour.
        Assert.Equal(1.15, device.HourlyCostUsd, 12);
    }

    [Fact]
    public void A_model_that_does_not_fit_is_marked_so()
    {
        var table = OperatorTable.Build(BuiltInCatalogModel("llama-2-70b"), new Optimizations(), Shipped.Defaults);
        var small = new HardwareSpec { Fp16Tflops = 100, BandwidthGBs = 1000, MemoryGB = 24 };
        var large = small with { MemoryGB = 192 };

        var m = Evaluator.Evaluate(table, small, new Workload(1, 128, 128));
        Assert.False(m.Fits);
        Assert.True(m.MemoryGB > 137, $"70B parameters in 16 bits need over 137 GB, got {m.MemoryGB}");
        Assert.True(Evaluator.Evaluate(table, large, new Workload(1, 128, 128)).Fits);
    }

    [Fact]
    public void Memory_counts_weights_the_batch_kv_cache_and_activations()
    {
        var table = OperatorTable.Build(BuiltInCatalogModel("llama-2-7b"), new Optimizations(), Shipped.Defaults);
        var device = new HardwareSpec { Fp16Tflops = 100, BandwidthGBs = 1000, MemoryGB = 80 };
        var m = Evaluator.Evaluate(table, device, new Workload(4, 1000, 24));

        // KV: 4 sequences × 1024 tokens × 0.5 MiB = 2 GiB.
        Assert.Equal(2.0, m.KvCacheGiB, 9);
        var expected = table.WeightBytes + (2.0 * 1024 * 1024 * 1024) + table.ActivationBytes(4, 1000, 1000);
        Assert.Equal(expected / 1e9, m.MemoryGB, 9);
    }

    private static ModelSpec BuiltInCatalogModel(string id) => Shipped.Catalog.ResolveModel(id);

    private static void AssertClose(double expected, double actual, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(error < 1e-9, $"{what}: reference {expected:G17}, closed form {actual:G17}");
    }
}
