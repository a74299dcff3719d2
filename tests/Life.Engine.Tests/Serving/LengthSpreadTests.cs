using Life.Engine.Serving;

namespace Life.Engine.Tests.Serving;

public sealed class LengthSpreadTests
{
    [Fact]
    public void A_fixed_length_has_no_spread_and_a_second_moment_ratio_of_one()
    {
        var spread = LengthSpread.Of(LengthDistribution.Fixed);
        Assert.False(spread.HasSpread);
        Assert.Equal(1, spread.SecondMomentRatio);
    }

    [Fact]
    public void Uniform_second_moment_is_the_mean_of_the_squares_of_its_values()
    {
        // uniform:1,3: E[L] = 2, E[L²] = (1 + 4 + 9)/3 = 14/3, ratio = (14/3)/4 = 7/6.
        Assert.Equal(7.0 / 6, LengthSpread.Of(LengthDistribution.Parse("uniform:1,3", "i")).SecondMomentRatio, 12);

        // uniform:256,768: n = 513, variance (513² − 1)/12 = 263168/12 = 21930.667, mean 512:
        // 1 + 21930.667/262144 = 1.0836589; P50 = 256 + 0.5·512 = 512, P99 = 256 + 0.99·512 = 762.88.
        var spread = LengthSpread.Of(LengthDistribution.Parse("uniform:256,768", "i"));
        Assert.Equal(1.0836589, spread.SecondMomentRatio, 6);
        Assert.Equal(512, spread.P50Tokens, 9);
        Assert.Equal(762.88, spread.P99Tokens, 9);
    }

    [Fact]
    public void Lognormal_quantiles_are_exp_of_mu_plus_sigma_times_the_normal_quantile()
    {
        // lognormal:6.5,0.8: ratio e^(0.8²) = e^0.64 = 1.8964809; P50 = e^6.5 = 665.14163;
        // P90 = e^(6.5 + 0.8·1.2815516) = 1854.2605; P99 = e^(6.5 + 0.8·2.3263479) = 4277.3045.
        var spread = LengthSpread.Of(LengthDistribution.Parse("lognormal:6.5,0.8", "i"));
        Assert.True(spread.HasSpread);
        Assert.Equal(1.8964809, spread.SecondMomentRatio, 6);
        Assert.Equal(665.14163, spread.P50Tokens, 4);
        Assert.Equal(1854.26052, spread.P90Tokens, 4);
        Assert.Equal(4277.3045, spread.P99Tokens, 3);
    }

    [Fact]
    public void Lognormal_draws_land_below_its_99th_percentile_99_times_in_100()
    {
        var distribution = LengthDistribution.Parse("lognormal:6.5,0.8", "i");
        var p99 = LengthSpread.Of(distribution).P99Tokens;
        var random = new Random(3);
        var below = 0;
        for (var i = 0; i < 100000; i++)
        {
            below += distribution.Sample(random, 0) <= p99 ? 1 : 0;
        }

        Assert.InRange(below / 100000.0, 0.988, 0.992);
    }

    [Fact]
    public void Setting_the_lengths_works_out_the_spread_and_a_new_rate_keeps_it()
    {
        var workload = new ServingWorkload(1, 916, 128) { InputLengths = LengthDistribution.Parse("lognormal:6.5,0.8", "i") };
        var faster = workload with { Qps = 2 };
        Assert.Equal(workload.InputSpread.P99Tokens, faster.InputSpread.P99Tokens);
        Assert.False(faster.OutputSpread.HasSpread);
    }
}
