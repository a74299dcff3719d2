using Life.Sweep.Specs;

namespace Life.Sweep.Pareto;

/// <summary>
/// Non-dominated sets. Points are compared on objective values turned into minimization (maximized
/// metrics negated). One pass keeps the front of the points seen so far, with no sort: O(n·f) in the
/// worst case, nearly O(n) on shards, whose fronts hold tens of points out of 10^4-10^5 rows.
/// Points equal on every objective do not dominate each other and all stay. Values must be finite
/// (callers drop rows with an undefined objective): NaN would make dominance intransitive.
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

        var front = new List<int>();
        for (var candidate = 0; candidate < count; candidate++)
        {
            var dominated = false;
            for (var m = 0; m < front.Count; m++)
            {
                if (Dominates(values, front[m], candidate, objectives))
                {
                    // A member that dominates one point tends to dominate its neighbours too (nearby
                    // configurations differ in one dimension): at the head, most checks end at once.
                    (front[0], front[m]) = (front[m], front[0]);
                    dominated = true;
                    break;
                }
            }

            if (dominated)
            {
                continue;
            }

            // Non-dominated so far: it replaces the members it dominates. Dominance is transitive, so
            // a point discarded earlier can never have been the only one dominating a later candidate.
            var kept = 0;
            for (var m = 0; m < front.Count; m++)
            {
                if (!Dominates(values, candidate, front[m], objectives))
                {
                    front[kept++] = front[m];
                }
            }

            front.RemoveRange(kept, front.Count - kept);
            front.Add(candidate);
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
