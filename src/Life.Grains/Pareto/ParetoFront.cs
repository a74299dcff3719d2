using Life.Grains.Specs;

namespace Life.Grains.Pareto;

/// <summary>
/// Non-dominated sets. Points are compared on objective values turned into minimization (maximized
/// metrics negated). Sorted lexicographically, a point can only be dominated by points before it, so
/// one pass that checks each point against the front found so far is exact: O(n log n + n·f).
/// Points equal on every objective do not dominate each other and all stay.
/// </summary>
public static class ParetoFront
{
    /// <summary>Indices (ascending) of the non-dominated rows among <paramref name="count"/> rows of <paramref name="values"/> (row-major, k per row, minimized).</summary>
    public static int[] Indices(ReadOnlySpan<double> values, int count, int objectives)
    {
        if (count == 0)
        {
            return [];
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var copy = values[..(count * objectives)].ToArray();
        Array.Sort(order, (a, b) =>
        {
            for (var j = 0; j < objectives; j++)
            {
                var c = copy[(a * objectives) + j].CompareTo(copy[(b * objectives) + j]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.CompareTo(b);
        });

        var front = new List<int>();
        foreach (var candidate in order)
        {
            var dominated = false;
            foreach (var member in front)
            {
                if (Dominates(copy, member, candidate, objectives))
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated)
            {
                front.Add(candidate);
            }
        }

        front.Sort();
        return [.. front];
    }

    /// <summary>True when row <paramref name="a"/> is no worse than row <paramref name="b"/> everywhere and better somewhere.</summary>
    public static bool Dominates(ReadOnlySpan<double> values, int a, int b, int objectives)
    {
        var better = false;
        for (var j = 0; j < objectives; j++)
        {
            var x = values[(a * objectives) + j];
            var y = values[(b * objectives) + j];
            if (x > y)
            {
                return false;
            }

            better |= x < y;
        }

        return better;
    }

    /// <summary>Objective value of a metric, as minimized.</summary>
    public static double Minimized(double value, Objective objective) => objective.Maximize ? -value : value;
}
