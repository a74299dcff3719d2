namespace Life.Reports;

/// <summary>What a report run wrote and what it drew.</summary>
public sealed record ReportResult(
    string HtmlPath,
    IReadOnlyList<string> PlotFiles,
    long CandidateRows,
    int PointsDrawn,
    int FrontRows,
    int MaxRowsBuffered);
