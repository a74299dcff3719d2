using Life.Reports.Data;
using Life.Reports.Plots;

namespace Life.Reports.Html;

/// <summary>Everything one report page shows, gathered before any of it is written.</summary>
internal sealed record ReportContent(
    FinishedDataset Dataset,
    ReportScope Scope,
    bool ObjectivesFromSpec,
    long TotalRows,
    PointSample Sample,
    FrontDetails Front,
    IReadOnlyList<RenderedPlot> Scatter,
    RowTable Best,
    IReadOnlyList<ServingCurves> Serving,
    IReadOnlyList<RenderedPlot> ServingPlots,
    IReadOnlyDictionary<RenderedPlot, string> PlotFiles);
