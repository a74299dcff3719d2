using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Paper;

/// <summary>
/// Reproduces the LIFE paper's published Llama-2-7B figures (shared/validation/life-paper.csv) with
/// LIFE's counting convention: eager execution, concatenating KV cache, whole-model roofline for the
/// forecasts. Counts within 2%, forecasts within 8% (see the unit note on the forecast test).
/// </summary>
public sealed class LifePaperParityTests
{
    private const double GiB = 1024.0 * 1024 * 1024;

    private static readonly Optimizations LifeEager = new()
    {
        Counting = CountingConvention.Life,
        Fusion = FusionLevel.Eager,
        KvCache = KvCacheMode.Concat,
    };

    /// <summary>
    /// Table 5's w4/kv4 variant: the paper does not publish which operators it fuses (its counts fit
    /// neither eager nor flash execution), so those two rows are reported, not reproduced.
    /// </summary>
    private static bool IsUnpublishedFusionVariant(LifePaperRow row) => row.Variant == "bf16-int4-kv4";

    public static TheoryData<string> CountRows()
    {
        var data = new TheoryData<string>();
        foreach (var row in LifePaperRow.Load().Where(r => r.Kind == "count" && !IsUnpublishedFusionVariant(r)))
        {
            data.Add(row.ToString());
        }

        return data;
    }

    public static TheoryData<string> ForecastRows()
    {
        var data = new TheoryData<string>();
        foreach (var row in LifePaperRow.Load().Where(r => r.Kind == "forecast"))
        {
            data.Add(row.ToString());
        }

        return data;
    }

    [Fact]
    public void Every_count_row_but_the_unpublished_fusion_variant_is_checked()
    {
        var rows = LifePaperRow.Load().Where(r => r.Kind == "count").ToList();

        Assert.Equal(19, rows.Count);
        Assert.Equal(2, rows.Count(IsUnpublishedFusionVariant));
        Assert.Equal(17, CountRows().Count);
    }

    [Theory]
    [MemberData(nameof(CountRows))]
    public void Count_rows_are_reproduced_within_two_percent(string description)
    {
        var row = LifePaperRow.Load().Single(r => r.ToString() == description);
        var model = Shipped.Catalog.ResolveModel("llama-2-7b");
        var options = LifeEager with { WeightBits = row.Variant.Contains("int4", StringComparison.Ordinal) ? 4 : 16 };
        if (row.Variant.Contains("lora", StringComparison.Ordinal))
        {
            options = options with { LoraRank = 128, LoraMode = LoraMode.MergeInline };
        }

        var table = OperatorTable.Build(model, options, Shipped.Defaults);
        var actual = row.Quantity switch
        {
            "prefill_ops" => table.CountStep(1, row.InputTokens, 0).Ops / 1e12,
            "kv_cache_size" => table.KvCacheBytes(row.InputTokens) / GiB,
            "decode_bytes_per_token" => table.CountStep(1, 1, row.InputTokens).Bytes / GiB,
            "lora_merge_ops" => table.CountSetup().Ops / 1e9,
            "prefill_mem_read" => table.CountStep(1, row.InputTokens, 0).BytesRead / GiB,
            "prefill_mem_write" => table.CountStep(1, row.InputTokens, 0).BytesWritten / GiB,
            _ => throw new InvalidOperationException($"no check for {row.Quantity}"),
        };

        // Table 5's memory traffic is in GiB like Table 7's, although labelled GB: 43.5 GiB of reads
        // at 2048 tokens is 46.7 GB, and only the GiB reading fits the weights it must contain.
        AssertWithin(row.Value, actual, 0.02);
    }

    /// <summary>
    /// LIFE's forecasts divide GiB-based byte counts by GB/s bandwidths as if they were one unit
    /// (1.87 = 0.10 × 240 / 12.85). The engine keeps units right: bytes over bytes per second, so its
    /// forecast sits 7.4% below the paper's (2^30 / 10^9), within the 8% allowed.
    /// </summary>
    [Theory]
    [MemberData(nameof(ForecastRows))]
    public void Forecast_rows_are_reproduced_within_eight_percent_with_the_whole_model_roofline(string description)
    {
        var row = LifePaperRow.Load().Single(r => r.ToString() == description);
        var device = new HardwareSpec
        {
            Id = "paper-cpu",
            Fp16Tflops = row.Tflops,
            BandwidthGBs = row.BandwidthGBs,
            MemoryGB = 64,
            ComputeEfficiency = row.Efficiency,
            MemoryEfficiency = row.Efficiency,
        };
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-2-7b"), LifeEager, Shipped.Defaults);
        var metrics = Evaluator.Evaluate(table, device, new Workload(1, row.InputTokens, 1), RooflineMode.WholeModel);

        var actual = row.Quantity switch
        {
            "decode_tps" => metrics.PerUserTps,
            "ttft_s" => metrics.TtftMs / 1000,
            _ => throw new InvalidOperationException($"no check for {row.Quantity}"),
        };
        AssertWithin(row.Value, actual, 0.08);
    }

    private static void AssertWithin(double expected, double actual, double tolerance)
    {
        var error = Math.Abs(actual - expected) / expected;
        Assert.True(error <= tolerance, $"expected {expected}, got {actual:G6} ({error:P2} off, allowed {tolerance:P0})");
    }
}
