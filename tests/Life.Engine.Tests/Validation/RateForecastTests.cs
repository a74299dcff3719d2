using Life.Engine.Validation;

namespace Life.Engine.Tests.Validation;

/// <summary>Rows measured at a request rate: the steady-state serving model, not a static batch.</summary>
public sealed class RateForecastTests
{
    [Fact]
    public void Below_saturation_a_servers_throughput_is_the_tokens_its_requests_bring()
    {
        // In steady state what arrives leaves: 2 requests/s of 512 + 128 tokens are 2 · 640 = 1280
        // tokens/s, 2 · 128 = 256 output tokens/s and 2 · 512 = 1024 prompt tokens/s.
        var result = Run(Row(MeasuredMetric.ThroughputTps, 2), Row(MeasuredMetric.DecodeTps, 2), Row(MeasuredMetric.PrefillTps, 2));

        Assert.Equal([1280.0, 256.0, 1024.0], result.Rows.Select(r => r.Predicted));
        Assert.All(result.Rows, r => Assert.False(r.Saturated));
    }

    [Fact]
    public void A_rate_row_is_not_forecast_as_its_static_batch()
    {
        // At 2 requests/s an H100 serves Llama-3-8B with a handful of sequences decoding at once; as a
        // static batch of 1 the same row would decode alone, so the two TPOTs must differ.
        var rate = Assert.Single(Run(Row(MeasuredMetric.TpotMs, 2)).Rows);
        var batch = Assert.Single(Run(Row(MeasuredMetric.TpotMs, double.NaN)).Rows);

        Assert.True(rate.Predicted > batch.Predicted, $"TPOT at 2 req/s {rate.Predicted} ms, alone {batch.Predicted} ms");
    }

    [Fact]
    public void A_rate_past_what_the_replica_sustains_is_flagged_and_kept_out_of_the_statistics()
    {
        // 10,000 requests/s of 128 output tokens ask for 1.28 million output tokens/s: a single H100
        // decoding its 256 sequences at tens of ms per step gives about 10,000.
        var result = Run(Row(MeasuredMetric.TtftMs, 10000), Row(MeasuredMetric.TtftMs, 2));

        Assert.Equal([true, false], result.Rows.Select(r => r.Saturated));
        Assert.True(double.IsPositiveInfinity(result.Rows[0].Predicted));
        Assert.Equal(1, result.Saturated);
        Assert.Equal(1, result.Overall.Rows);
        Assert.Equal(result.Rows[1].Ape, result.Overall.MedianApe);
        Assert.Equal(1, result.Metrics["ttft_ms"].Rows);
    }

    [Fact]
    public void A_rate_that_is_not_positive_is_skipped_with_the_reason()
    {
        var (prepared, skipped) = new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve([Row(MeasuredMetric.TtftMs, 0)]);

        Assert.Empty(prepared);
        Assert.Equal("qps = 0 must be positive", Assert.Single(skipped).Reason);
    }

    private static ValidationResult Run(params Measurement[] rows)
    {
        var (prepared, skipped) = new MeasurementResolver(Shipped.Catalog, Shipped.Defaults).Resolve(rows);
        Assert.Empty(skipped);
        return Validator.Run(prepared, skipped, Shipped.Defaults);
    }

    private static Measurement Row(MeasuredMetric metric, double qps) =>
        new("rate.csv", 2, "synthetic", "h100-sxm", double.NaN, double.NaN, double.NaN, double.NaN, 1, "vLLM", "llama-3-8b", 16, 16, 16, 1, 512, 128, metric, 100, Qps: qps);
}
