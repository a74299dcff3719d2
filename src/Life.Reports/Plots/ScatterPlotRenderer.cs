using Life.Reports.Data;
using ScottPlot;

namespace Life.Reports.Plots;

/// <summary>
/// One pair of objectives: the sampled rows as small dots coloured by hardware, the whole front on
/// top as black rings (front points are never sampled away, so the front's shape is exact).
/// </summary>
internal static class ScatterPlotRenderer
{
    public static RenderedPlot Render(ReportScope scope, int x, int y, PointSample sample, FrontDetails front, PlotPalette palette)
    {
        var ox = scope.Objectives[x];
        var oy = scope.Objectives[y];
        var k = scope.Objectives.Count;
        var xScale = AxisScale.For(Column(sample.Values, k, x).Concat(Column(front.Values, k, x)));
        var yScale = AxisScale.For(Column(sample.Values, k, y).Concat(Column(front.Values, k, y)));
        var title = $"{oy.Column} vs {ox.Column}";
        var plot = PlotStyle.NewPlot(title);
        var drawn = 0;
        foreach (var name in palette.Names)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var p = 0; p < sample.Count; p++)
            {
                if (sample.Hardware[p] == name)
                {
                    xs.Add(xScale.Map(sample.Value(p, x)));
                    ys.Add(yScale.Map(sample.Value(p, y)));
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var dots = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), palette[name].WithAlpha(0.55));
            dots.MarkerSize = 4;
            dots.LegendText = name.Length == 0 ? "rows" : name;
            drawn += xs.Count;
        }

        if (front.Count > 0)
        {
            var fx = xScale.Map(Column(front.Values, k, x).ToArray());
            var fy = yScale.Map(Column(front.Values, k, y).ToArray());
            var rings = plot.Add.ScatterPoints(fx, fy, Colors.Black);
            rings.MarkerShape = MarkerShape.OpenCircle;
            rings.MarkerSize = 9;
            rings.MarkerLineWidth = 1.5f;
            rings.LegendText = $"Pareto front ({front.Count:N0})";
            drawn += fx.Length;
        }

        plot.XLabel(Label(ox, xScale));
        plot.YLabel(Label(oy, yScale));
        xScale.Apply(plot.Axes.Bottom);
        yScale.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotStyle.Export(plot, $"{oy.Column}_vs_{ox.Column}", title, drawn);
    }

    private static string Label(ReportObjective objective, AxisScale scale) =>
        $"{objective.Column} ({(objective.Maximize ? "higher is better" : "lower is better")}{(scale.IsLog ? ", log scale" : "")})";

    private static IEnumerable<double> Column(double[] values, int k, int j)
    {
        for (var i = j; i < values.Length; i += k)
        {
            yield return values[i];
        }
    }
}
