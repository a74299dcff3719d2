using System.CommandLine;
using System.Globalization;
using Life.Reports;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep report DIR [--out FILE.html] [--objectives LIST] [--where EXPR] [--points N]</c>: one
/// offline HTML file with the spec, counts, the Pareto front, plots of each pair of objectives, the
/// best configuration per hardware × model, and SVG and PNG files of each plot beside it.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Finished dataset directory written by `run` or `submit`" };
        var output = new Option<string>("--out", "-o") { Description = "HTML file to write (default: DIR/report.html); plot files go beside it" };
        var objectives = new Option<string>("--objectives") { Description = "Comma-separated min:COLUMN / max:COLUMN (default: the spec's objectives)" };
        var where = new Option<string>("--where") { Description = "Row filter, a DuckDB SQL boolean expression, e.g. \"hardware = 'h100-sxm' and batch >= 8\"" };
        var points = new Option<int>("--points") { Description = "Most rows each scatter plot draws; beyond it a fixed sample (the front is always drawn whole)", DefaultValueFactory = _ => ReportRequest.DefaultPointLimit };
        var command = new Command("report", "Self-contained HTML report with plots of a finished sweep (opens offline).")
        {
            directory, output, objectives, where, points,
        };
        command.SetAction((parse, cancellation) =>
        {
            var request = new ReportRequest(parse.GetRequiredValue(directory), parse.GetValue(output), parse.GetValue(objectives), parse.GetValue(where), parse.GetValue(points));
            Write(parse.InvocationConfiguration.Output, ReportBuilder.Build(request, cancellation));
            return Task.FromResult(CliApplication.Success);
        });
        return command;
    }

    /// <summary>What a report run says: where it is, and how much of the data the plots draw.</summary>
    public static void Write(TextWriter output, ReportResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"report:  {result.HtmlPath} ({result.PlotFiles.Count / 2} plots, SVG and PNG beside it)"));
        output.WriteLine(result.PointsDrawn < result.CandidateRows
            ? string.Create(c, $"         plots draw {result.PointsDrawn:N0} of {result.CandidateRows:N0} rows in scope (sampled) and all {result.FrontRows:N0} Pareto rows")
            : string.Create(c, $"         plots draw all {result.CandidateRows:N0} rows in scope and {result.FrontRows:N0} Pareto rows"));
    }
}
