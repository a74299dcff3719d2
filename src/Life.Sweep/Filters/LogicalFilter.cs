using Life.Sweep.Datasets;

namespace Life.Sweep.Filters;

/// <summary><c>and</c>, <c>or</c> and <c>not</c> over child nodes (Kleene logic on the true/false masks).</summary>
internal sealed class LogicalFilter(WhereSyntaxKind kind, FilterNode first, FilterNode? second) : FilterNode
{
    protected override void Fill(RowGroupColumns columns)
    {
        first.Evaluate(columns);
        var isTrue = IsTrue;
        var isFalse = IsFalse;
        if (kind == WhereSyntaxKind.Not)
        {
            first.IsFalse.CopyTo(isTrue);
            first.IsTrue.CopyTo(isFalse);
            return;
        }

        second!.Evaluate(columns);
        ReadOnlySpan<bool> aTrue = first.IsTrue, aFalse = first.IsFalse, bTrue = second.IsTrue, bFalse = second.IsFalse;
        if (kind == WhereSyntaxKind.And)
        {
            for (var i = 0; i < isTrue.Length; i++)
            {
                isTrue[i] = aTrue[i] & bTrue[i];
                isFalse[i] = aFalse[i] | bFalse[i];
            }
        }
        else
        {
            for (var i = 0; i < isTrue.Length; i++)
            {
                isTrue[i] = aTrue[i] | bTrue[i];
                isFalse[i] = aFalse[i] & bFalse[i];
            }
        }
    }
}
