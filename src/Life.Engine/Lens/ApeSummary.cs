namespace Life.Engine.Lens;

/// <summary>Absolute percentage errors of one method over a set of runs: count, mean, median and max, in percent.</summary>
public readonly struct ApeSummary
{
    private ApeSummary(int rows, double meanPercent, double medianPercent, double maxPercent)
    {
        Rows = rows;
        MeanPercent = meanPercent;
        MedianPercent = medianPercent;
        MaxPercent = maxPercent;
    }

    public int Rows { get; }

    public double MeanPercent { get; }

    public double MedianPercent { get; }

    public double MaxPercent { get; }

    /// <summary>|predicted − measured| / measured · 100.</summary>
    public static double Ape(double predicted, double measured) => Math.Abs(predicted - measured) / measured * 100;

    /// <summary>Summary of <paramref name="apes"/> (NaN statistics when empty).</summary>
    public static ApeSummary Of(IEnumerable<double> apes)
    {
        var sorted = apes.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new ApeSummary(0, double.NaN, double.NaN, double.NaN);
        }

        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new ApeSummary(sorted.Length, sorted.Average(), median, sorted[^1]);
    }
}
