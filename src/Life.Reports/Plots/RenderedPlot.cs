namespace Life.Reports.Plots;

/// <summary>A drawn plot: a file-name stem, a title, the SVG (inline in the report and a file beside it) and a PNG for slides.</summary>
public sealed record RenderedPlot(string Stem, string Title, string Svg, byte[] Png, int Points);
