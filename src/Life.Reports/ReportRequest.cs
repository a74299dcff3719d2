namespace Life.Reports;

/// <summary>
/// What to report: the dataset directory, where to write the HTML (default <c>DIR/report.html</c>),
/// objectives as <c>min:a,max:b</c> (default: the spec's), a DuckDB SQL row filter, and how many
/// points each scatter plot draws at most (beyond it, a sample; the front is always drawn whole).
/// </summary>
public sealed record ReportRequest(string Directory, string? Out = null, string? Objectives = null, string? Where = null, int PointLimit = ReportRequest.DefaultPointLimit)
{
    /// <summary>Enough to show the shape of a cloud; an SVG of 5,000 markers is about 0.5 MB.</summary>
    public const int DefaultPointLimit = 4000;
}
