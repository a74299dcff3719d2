using ScottPlot;

namespace Life.Reports.Plots;

/// <summary>Size and fonts shared by the report's plots, and the SVG/PNG export.</summary>
internal static class PlotStyle
{
    public const int Width = 760;
    public const int Height = 520;

    /// <summary>DejaVu Sans is on every Debian with fonts; in the SVG a browser without it substitutes a sans-serif.</summary>
    public const string Font = "DejaVu Sans";

    public static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(title, size: 15);
        return plot;
    }

    public static RenderedPlot Export(Plot plot, string stem, string title, int points)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var svg = plot.GetSvgXml(Width, Height);
        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        return new RenderedPlot(stem, title, svg, png, points);
    }
}
