using Life.Sweep.Pareto;

namespace Life.Sweep.Tests.Pareto;

public sealed class ParetoFrontTests
{
    [Fact]
    public void The_front_equals_a_brute_force_front_on_random_points()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var k = random.Next(1, 4);
            var n = random.Next(0, 80);
            var values = new double[n * k];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.Next(0, 12);
            }

            Assert.Equal(BruteForceFront(values, n, k), ParetoFront.Indices(values, n, k));
        }
    }

    [Fact]
    public void Thousands_of_points_with_runs_tied_on_the_first_objective_give_the_brute_force_front()
    {
        // Large enough that the sort and the move-to-front scan both matter; the first objective takes
        // few distinct values (long tied runs, including -0.0 beside 0.0), the others are continuous
        // and anti-correlated so the front holds hundreds of points.
        var random = new Random(29);
        const int n = 3000;
        const int k = 3;
        var values = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            var first = random.Next(-3, 4) * 0.5;
            values[i * k] = first == 0 && random.Next(2) == 0 ? -0.0 : first;
            var t = random.NextDouble();
            values[(i * k) + 1] = t;
            values[(i * k) + 2] = 1 - t + (random.NextDouble() * 0.01);
        }

        var expected = BruteForceFront(values, n, k);
        Assert.True(expected.Count > 20, $"front of {expected.Count} points is too small to exercise the scan");
        Assert.Equal(expected, ParetoFront.Indices(values, n, k));
    }

    [Fact]
    public void Merging_partial_fronts_gives_the_front_of_the_union()
    {
        var random = new Random(3);
        var parts = new List<PartialFront>();
        var allIds = new List<long>();
        var allValues = new List<double>();
        for (var part = 0; part < 5; part++)
        {
            var n = random.Next(1, 20);
            var ids = Enumerable.Range(part * 100, n).Select(i => (long)i).ToArray();
            var values = Enumerable.Range(0, n * 2).Select(_ => (double)random.Next(0, 30)).ToArray();
            var front = ParetoFront.Indices(values, n, 2);
            parts.Add(new PartialFront(2, front.Select(i => ids[i]).ToArray(), front.SelectMany(i => new[] { values[i * 2], values[(i * 2) + 1] }).ToArray()));
            allIds.AddRange(ids);
            allValues.AddRange(values);
        }

        var merged = PartialFront.Merge(parts, 2);
        var direct = ParetoFront.Indices(allValues.ToArray(), allIds.Count, 2).Select(i => allIds[i]).Order().ToArray();

        Assert.Equal(direct, merged.Ids);
        Assert.Equal(merged.Ids, PartialFront.FromBytes(merged.ToBytes()).Ids);
        Assert.Equal(merged.Values, PartialFront.FromBytes(merged.ToBytes()).Values);
    }

    private static List<int> BruteForceFront(double[] values, int n, int k)
    {
        var front = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var dominated = false;
            for (var j = 0; j < n && !dominated; j++)
            {
                dominated = j != i && BruteDominates(values, j, i, k);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        return front;
    }

    private static bool BruteDominates(double[] v, int a, int b, int k)
    {
        var allNoWorse = true;
        var someBetter = false;
        for (var j = 0; j < k; j++)
        {
            allNoWorse &= v[(a * k) + j] <= v[(b * k) + j];
            someBetter |= v[(a * k) + j] < v[(b * k) + j];
        }

        return allNoWorse && someBetter;
    }
}
