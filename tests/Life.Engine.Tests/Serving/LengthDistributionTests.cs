using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class LengthDistributionTests
{
    private static readonly StepCost Cost = new(OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults), Shipped.Catalog.ResolveHardware("h100-sxm"), Deployment.Single);

    [Theory]
    [InlineData("uniform:100,300", 200)]

    // exp(6 + 0.5²/2) = exp(6.125) = 457.145
    [InlineData("lognormal:6,0.5", 457.145)]
    public void Draws_average_to_the_distributions_mean(string text, double mean)
    {
        var distribution = LengthDistribution.Parse(text, "--input-dist");
        Assert.Equal(mean, distribution.Mean(0), 3);
        var random = new Random(5);
        double sum = 0;
        for (var i = 0; i < 40000; i++)
        {
            var tokens = distribution.Sample(random, 0);
            Assert.True(tokens >= 1);
            sum += tokens;
        }

        Assert.InRange(sum / 40000 / mean, 0.98, 1.02);
    }

    [Fact]
    public void Uniform_draws_stay_within_their_bounds_and_reach_both()
    {
        var distribution = LengthDistribution.Parse("uniform:3,5", "--output-dist");
        var random = new Random(1);
        var seen = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            seen.Add(distribution.Sample(random, 0));
        }

        Assert.Equal([3, 4, 5], seen.Order());
    }

    [Theory]
    [InlineData("uniform:5,3")]
    [InlineData("uniform:0,3")]
    [InlineData("uniform:1.5,3")]
    [InlineData("lognormal:6,-1")]
    [InlineData("normal:6,1")]
    [InlineData("fixed:3")]
    [InlineData("uniform:1")]
    public void Malformed_text_is_bad_input_naming_the_option(string text)
    {
        var e = Assert.Throws<EngineInputException>(() => LengthDistribution.Parse(text, "--input-dist"));
        Assert.StartsWith($"--input-dist = '{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_simulation_with_fixed_distributions_is_the_one_without_and_a_seeded_spread_is_repeatable()
    {
        var fixedLengths = new ServingWorkload(10, 512, 128);
        var spread = fixedLengths with { InputLengths = LengthDistribution.Parse("lognormal:6,0.8", "i"), OutputLengths = LengthDistribution.Parse("uniform:32,224", "o") };
        var plain = ServingSimulator.Run(Cost, fixedLengths, SchedulerConfig.Default, 1000, 3000, seed: 2);
        var again = ServingSimulator.Run(Cost, fixedLengths with { InputLengths = LengthDistribution.Fixed }, SchedulerConfig.Default, 1000, 3000, seed: 2);
        var first = ServingSimulator.Run(Cost, spread, SchedulerConfig.Default, 1000, 3000, seed: 2);
        var second = ServingSimulator.Run(Cost, spread, SchedulerConfig.Default, 1000, 3000, seed: 2);

        Assert.Equal(plain, again);
        Assert.Equal(first, second);
        Assert.NotEqual(plain.TtftP99Ms, first.TtftP99Ms);

        // Output lengths 32..224 average 128 tokens: the token rate is the request rate's 10 × 128 within the run's noise.
        Assert.InRange(first.OutputTps / 1280, 0.9, 1.1);
    }

    [Fact]
    public void A_request_longer_than_the_whole_kv_cache_still_runs_alone_rather_than_never()
    {
        // KV for 4 sequences of 512 + 128; some drawn prompts are far longer than all four together.
        var workload = new ServingWorkload(0.5, 512, 128) { InputLengths = LengthDistribution.Parse("uniform:16,8000", "i") };
        var m = ServingSimulator.Run(Cost, workload, SchedulerConfig.Default, 4, 300, seed: 4);
        Assert.True(double.IsFinite(m.E2eP99Ms));
    }
}
