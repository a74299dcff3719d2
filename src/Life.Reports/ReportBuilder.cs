using System.Globalization;
using Life.Engine;
using Life.Reports.Data;
using Life.Reports.Html;
using Life.Reports.Plots;

namespace Life.Reports;

/// <summary>
/// Builds the report of a finished dataset: checks the request (bad input before anything is
/// written), computes the front in a streaming scan, draws a bounded sample, renders the plots, and
/// writes the HTML and the plot files beside it, each atomically.
/// </summary>
public static class ReportBuilder
{
    public static ReportResult Build(ReportRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PointLimit < 1)
        {
            throw new EngineInputException($"the point limit {request.PointLimit} must be at least 1");
        }

        var parsedObjectives = request.Objectives is null ? null : ParseObjectives(request.Objectives);
        var dataset = FinishedDataset.Open(request.Directory);
        var objectives = parsedObjectives ?? (dataset.SpecObjectives.Count > 0
            ? dataset.SpecObjectives
            : throw new EngineInputException($"the spec of '{request.Directory}' has no objectives: give --objectives, such as --objectives min:tpot_ms,max:throughput_tps"));
        var htmlPath = OutPath(request.Out, dataset);

        using var table = ResultsTable.Open(dataset);
        var scope = new ReportScope(table, dataset, objectives, request.Where);
        cancellation.ThrowIfCancellationRequested();

        var (front, maxBuffered) = StreamingFront.Compute(scope, cancellation: cancellation);
        var details = FrontDetails.Read(scope, front);
        var sample = PointSample.Draw(scope, request.PointLimit);
        var best = BestPerGroup.Read(scope);
        var serving = ServingCurves.Read(scope);
        cancellation.ThrowIfCancellationRequested();

        var palette = new PlotPalette(sample.Hardware.Concat(details.Hardware));
        var scatter = new List<RenderedPlot>();
        for (var x = 0; x < objectives.Count; x++)
        {
            for (var y = x + 1; y < objectives.Count; y++)
            {
                scatter.Add(ScatterPlotRenderer.Render(scope, x, y, sample, details, palette));
            }
        }

        var servingPlots = serving.Where(s => s.Curves.Count > 0).Select(ServingPlotRenderer.Render).ToList();
        var directory = Path.GetDirectoryName(htmlPath)!;
        var stem = Path.GetFileNameWithoutExtension(htmlPath);
        var files = new Dictionary<RenderedPlot, string>();
        foreach (var plot in scatter.Concat(servingPlots))
        {
            files[plot] = $"{stem}-{plot.Stem}";
        }

        var total = dataset.Count("rows") ?? Convert.ToInt64(table.Scalar("SELECT count(*) FROM results"), CultureInfo.InvariantCulture);
        var content = new ReportContent(dataset, scope, parsedObjectives is null, total, sample, details, scatter, best, serving, servingPlots, files);
        var html = HtmlReportWriter.Write(content);

        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (plot, name) in files)
        {
            var svg = Path.Combine(directory, name + ".svg");
            var png = Path.Combine(directory, name + ".png");
            AtomicFile.Write(svg, plot.Svg);
            AtomicFile.Write(png, plot.Png);
            written.Add(svg);
            written.Add(png);
        }

        AtomicFile.Write(htmlPath, html);
        return new ReportResult(htmlPath, written, sample.CandidateRows, sample.Count, front.Count, maxBuffered);
    }

    /// <summary>Objectives as <c>min:tpot_ms,max:throughput_tps</c>: each must parse, no column twice.</summary>
    public static IReadOnlyList<ReportObjective> ParseObjectives(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            throw new EngineInputException("--objectives is empty: give min:COLUMN or max:COLUMN, such as min:tpot_ms");
        }

        var objectives = new List<ReportObjective>();
        foreach (var item in items)
        {
            var objective = ReportObjective.TryParse(item)
                ?? throw new EngineInputException($"--objectives: '{item}' is not min:COLUMN or max:COLUMN, such as min:tpot_ms");
            if (objectives.Any(o => o.Column == objective.Column))
            {
                throw new EngineInputException($"--objectives: '{item}' names {objective.Column} a second time");
            }

            objectives.Add(objective);
        }

        return objectives;
    }

    /// <summary>The HTML file's full path (default DIR/report.html); never inside results/, never a directory.</summary>
    private static string OutPath(string? path, FinishedDataset dataset)
    {
        var full = Path.GetFullPath(path ?? Path.Combine(dataset.Directory, "report.html"));
        var results = Path.Combine(dataset.Directory, "results") + Path.DirectorySeparatorChar;
        if (full.StartsWith(results, StringComparison.Ordinal))
        {
            throw new EngineInputException($"--out '{path}' is inside the dataset's results directory; choose another place");
        }

        if (Directory.Exists(full))
        {
            throw new EngineInputException($"--out '{path}' is a directory; give a file name such as report.html");
        }

        if (Path.GetDirectoryName(full) == dataset.Directory && Path.GetFileName(full) is "pareto.parquet" or "sweep.json" or "_SUCCESS" or "checkpoint.db")
        {
            throw new EngineInputException($"--out '{path}' would replace the dataset's own {Path.GetFileName(full)}; choose another file");
        }

        return full;
    }
}
