using Life.Reports.Data;
using ScottPlot;

namespace Life.Reports.Plots;

/// <summary>A serving sweep's P99 latency against request rate, one line per deployment.</summary>
internal static class ServingPlotRenderer
{
    public static RenderedPlot Render(ServingCurves curves)
    {
        var title = $"{curves.LatencyColumn} vs {curves.RateColumn}";
        var plot = PlotStyle.NewPlot(title);
        var palette = new ScottPlot.Palettes.Category10();
        var yScale = AxisScale.For(curves.Curves.SelectMany(c => c.P99));
        var points = 0;
        for (var i = 0; i < curves.Curves.Count; i++)
        {
            var curve = curves.Curves[i];
            var line = plot.Add.Scatter(curve.Rates, yScale.Map(curve.P99), palette.GetColor(i));
            line.LegendText = curve.Deployment;
            line.MarkerSize = 5;
            line.LineWidth = 1.5f;
            points += curve.Rates.Length;
        }

        plot.XLabel(curves.RateColumn + " (requests/s)");
        plot.YLabel($"{curves.LatencyColumn} (best over the other dimensions{(yScale.IsLog ? ", log scale" : "")})");
        yScale.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotStyle.Export(plot, $"{curves.LatencyColumn}_vs_{curves.RateColumn}", title, points);
    }
}
