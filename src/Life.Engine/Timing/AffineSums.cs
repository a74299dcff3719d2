using System.Runtime.CompilerServices;

namespace Life.Engine.Timing;

/// <summary>
/// Closed-form sums over runs of steps whose per-step quantities are affine in the step index: this
/// is what lets TPOT average over thousands of decode steps in O(operators) work.
/// </summary>
internal static class AffineSums
{
    /// <summary>Σ_{j=from}^{to−1} (first + slope·j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(double first, double slope, double from, double to)
    {
        var count = to - from;
        return count * first + slope * (from + to - 1) * count / 2;
    }

    /// <summary>
    /// Σ_{j=0}^{count−1} max(f(j), g(j)) for affine f, g given by their values at the first and last
    /// step. The run is split where f and g cross; <paramref name="fPart"/> receives the share of the
    /// sum where f dominates.
    /// </summary>
    public static double SumOfMax(double f0, double f1, double g0, double g1, long count, out double fPart)
    {
        if (count <= 1)
        {
            if (f0 >= g0)
            {
                fPart = f0;
                return f0;
            }

            fPart = 0;
            return g0;
        }

        var span = count - 1.0;
        var fSlope = (f1 - f0) / span;
        var gSlope = (g1 - g0) / span;
        var gap0 = f0 - g0;
        var gapSlope = fSlope - gSlope;
        double n = count;
        if ((gap0 >= 0 && f1 >= g1) || (gap0 < 0 && f1 < g1) || gapSlope == 0)
        {
            // No crossing inside the run: one side dominates throughout.
            if (gap0 >= 0)
            {
                fPart = Sum(f0, fSlope, 0, n);
                return fPart;
            }

            fPart = 0;
            return Sum(g0, gSlope, 0, n);
        }

        var crossing = -gap0 / gapSlope;
        if (gapSlope > 0)
        {
            // g dominates before the crossing, f from it on.
            var split = Math.Clamp(Math.Ceiling(crossing), 0, n);
            fPart = Sum(f0, fSlope, split, n);
            return Sum(g0, gSlope, 0, split) + fPart;
        }
        else
        {
            var split = Math.Clamp(Math.Floor(crossing) + 1, 0, n);
            fPart = Sum(f0, fSlope, 0, split);
            return fPart + Sum(g0, gSlope, split, n);
        }
    }
}
