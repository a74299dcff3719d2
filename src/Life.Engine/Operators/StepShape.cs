using System.Runtime.CompilerServices;

namespace Life.Engine.Operators;

/// <summary>Keys and attention pairs of one step for an operator with a given window.</summary>
internal static class StepShape
{
    /// <summary>Keys each sequence attends to when <paramref name="tokens"/> new tokens follow <paramref name="past"/> cached ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Keys(double tokens, double past, int window)
    {
        var keys = past + tokens;
        return window > 0 && keys > window ? window : keys;
    }

    /// <summary>
    /// (query, key) pairs of one sequence. Full: every query against every attended key (an eager
    /// kernel computes the masked half too). Causal: query at position q (1-based) sees min(q, window) keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pairs(double tokens, double past, int window, bool full)
    {
        if (full)
        {
            return tokens * Keys(tokens, past, window);
        }

        var first = past + 1;
        var last = past + tokens;
        if (window <= 0 || last <= window)
        {
            return (first + last) * tokens / 2;
        }

        if (first >= window)
        {
            return tokens * window;
        }

        return (first + window) * (window - first + 1) / 2 + (last - window) * window;
    }
}
