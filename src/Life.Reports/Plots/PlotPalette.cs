using ScottPlot;

namespace Life.Reports.Plots;

/// <summary>One colour per hardware name, the same in every plot of a report (Category10, then repeated).</summary>
internal sealed class PlotPalette
{
    private readonly IPalette _palette = new ScottPlot.Palettes.Category10();
    private readonly Dictionary<string, Color> _colors = new(StringComparer.Ordinal);

    public PlotPalette(IEnumerable<string> names)
    {
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            _colors[name] = _palette.GetColor(_colors.Count);
        }
    }

    public IReadOnlyCollection<string> Names => _colors.Keys;

    public Color this[string name] => _colors.TryGetValue(name, out var color) ? color : Colors.Gray;
}
