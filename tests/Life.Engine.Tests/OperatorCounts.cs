using Life.Engine.Operators;

namespace Life.Engine.Tests;

/// <summary>Counts of the named operator(s) of a table for one step, from their polynomials.</summary>
internal static class OperatorCounts
{
    /// <summary>
    /// The named operator's counts in the step's form: one token after a cached context is a decode step,
    /// anything else a prefill step (operators of the other phase are left out).
    /// </summary>
    public static (double Ops, double Read, double Written) Of(OperatorTable table, string name, int batch, int tokens, int past)
    {
        double ops = 0, read = 0, written = 0;
        var found = false;
        var decode = tokens == 1 && past > 0;
        foreach (var op in table.Operators)
        {
            if (op.Name != name || !op.RunsIn(decode))
            {
                continue;
            }

            found = true;
            var keys = past + tokens;
            if (op.Window > 0 && keys > op.Window)
            {
                keys = op.Window;
            }

            double pairs = op.FullPairs ? tokens * (double)keys : CausalPairs(tokens, past, op.Window);
            ops += op.Ops.At(batch, tokens, keys, pairs);
            read += op.BytesRead.At(batch, tokens, keys, pairs);
            written += op.BytesWritten.At(batch, tokens, keys, pairs);
        }

        Assert.True(found, $"operator '{name}' not in the table");
        return (ops, read, written);
    }

    public static bool Has(OperatorTable table, string name)
    {
        foreach (var op in table.Operators)
        {
            if (op.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reference: count pairs query by query.</summary>
    public static double CausalPairs(int tokens, int past, int window)
    {
        double pairs = 0;
        for (var q = past + 1; q <= past + tokens; q++)
        {
            pairs += window > 0 ? Math.Min(q, window) : q;
        }

        return pairs;
    }
}
