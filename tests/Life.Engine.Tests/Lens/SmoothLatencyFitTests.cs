using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>The smooth baseline: least squares recovers a function of its own form exactly.</summary>
public sealed class SmoothLatencyFitTests
{
    [Fact]
    public void A_bilinear_latency_is_recovered_exactly()
    {
        static double E2e(int input, int output) => 12 + (0.05 * input) + (20 * output) + (0.003 * input * output);
        var rows = new List<BucketMeasurement>();
        foreach (var input in new[] { 33, 161, 321, 641, 1281, 2561 })
        {
            rows.Add(new BucketMeasurement(1, input, 1, E2e(input, 1)));
            rows.Add(new BucketMeasurement(1, input, 64 + (input / 8), E2e(input, 64 + (input / 8))));
        }

        var fit = SmoothLatencyFit.Fit(rows, "r.csv");
        var c = Assert.Single(fit.Coefficients);
        var p = fit.Predict(1, 1000, 300);

        Assert.Equal(12, c.InterceptMs, 6);
        Assert.Equal(0.05, c.PerInputMs, 9);
        Assert.Equal(20, c.PerOutputMs, 6);
        Assert.Equal(0.003, c.PerInputOutputMs, 9);
        Assert.Equal(E2e(1000, 300), p.E2eMs, 6);
        Assert.Equal(E2e(1000, 1), p.TtftMs, 6);
        Assert.Equal(20 + 3, p.TpotMs, 6);
    }

    [Fact]
    public void Without_enough_distinct_lengths_for_the_product_term_it_fits_a_plane()
    {
        // Three runs determine a + b·input + c·output but not d.
        var rows = new[] { new BucketMeasurement(1, 100, 1, 10), new BucketMeasurement(1, 200, 1, 15), new BucketMeasurement(1, 100, 11, 30) };

        var c = Assert.Single(SmoothLatencyFit.Fit(rows, "r.csv").Coefficients);

        Assert.Equal(0, c.PerInputOutputMs);
        Assert.Equal(0.05, c.PerInputMs, 9);
        Assert.Equal(2, c.PerOutputMs, 9);
    }

    [Fact]
    public void Runs_at_one_length_cannot_be_fitted_and_a_batch_beyond_the_runs_cannot_be_predicted()
    {
        var same = new[] { new BucketMeasurement(1, 100, 1, 10), new BucketMeasurement(1, 100, 1, 11), new BucketMeasurement(1, 100, 1, 12) };
        var e = Assert.Throws<EngineInputException>(() => SmoothLatencyFit.Fit(same, "r.csv"));
        var rows = new[] { new BucketMeasurement(2, 100, 1, 10), new BucketMeasurement(2, 200, 1, 15), new BucketMeasurement(2, 100, 11, 30) };
        var fit = SmoothLatencyFit.Fit(rows, "r.csv");

        Assert.StartsWith("r.csv: smooth fit (batch 1): 3 runs do not determine E2E", e.Message, StringComparison.Ordinal);
        Assert.True(fit.TryPredict(1, 100, 1, out _));
        Assert.False(fit.TryPredict(3, 100, 1, out _));
    }
}
