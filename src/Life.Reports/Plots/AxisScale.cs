using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Life.Reports.Plots;

/// <summary>
/// Linear or base-10 log axis for a set of values. Costs, throughputs and latencies of a sweep
/// span orders of magnitude; on a linear axis all but the largest crowd into one corner, so an axis
/// whose positive values span more than <see cref="LogRatio"/>x is drawn in log10 (values transformed,
/// ticks labelled with the real values).
/// </summary>
internal sealed class AxisScale
{
    public const double LogRatio = 30;

    private AxisScale(bool log) => IsLog = log;

    public bool IsLog { get; }

    public static AxisScale For(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v <= 0)
            {
                return new AxisScale(false);
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return new AxisScale(double.IsFinite(min) && max / min > LogRatio);
    }

    public double Map(double value) => IsLog ? Math.Log10(value) : value;

    public double[] Map(IReadOnlyList<double> values)
    {
        var mapped = new double[values.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = Map(values[i]);
        }

        return mapped;
    }

    public void Apply(IAxis axis)
    {
        if (!IsLog)
        {
            return;
        }

        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => Math.Pow(10, v) is var x && x >= 1 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("G3", CultureInfo.InvariantCulture),
        };
    }
}
