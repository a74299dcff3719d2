using Life.Engine.Timing;

namespace Life.Engine.Tests.Timing;

public sealed class AffineSumsTests
{
    [Fact]
    public void The_sum_of_the_max_of_two_lines_matches_adding_term_by_term()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2000; trial++)
        {
            var count = random.Next(1, 60);
            var f0 = random.NextDouble() * 10;
            var f1 = random.NextDouble() * 10;
            var g0 = random.NextDouble() * 10;
            var g1 = random.NextDouble() * 10;
            double expected = 0, expectedF = 0;
            for (var j = 0; j < count; j++)
            {
                var t = count == 1 ? 0 : (double)j / (count - 1);
                var f = f0 + ((f1 - f0) * t);
                var g = g0 + ((g1 - g0) * t);
                expected += Math.Max(f, g);
                expectedF += f >= g ? f : 0;
            }

            var actual = AffineSums.SumOfMax(f0, f1, g0, g1, count, out var fPart);
            Assert.Equal(expected, actual, 9);
            Assert.Equal(expectedF, fPart, 9);
        }
    }

    [Fact]
    public void A_run_of_one_step_is_the_larger_value()
    {
        Assert.Equal(5, AffineSums.SumOfMax(5, 99, 3, 99, 1, out var fPart));
        Assert.Equal(5, fPart);
    }
}
