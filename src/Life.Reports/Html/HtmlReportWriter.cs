using System.Globalization;
using System.Text;
using System.Text.Json;
using Life.Reports.Data;
using Life.Reports.Plots;

namespace Life.Reports.Html;

/// <summary>
/// Writes the report page: one HTML file with its styles and plots (inline SVG) in it and a Content
/// Security Policy of <c>default-src 'none'</c>, so a browser opening it fetches nothing, not even
/// by mistake. Every text from the dataset is escaped.
/// </summary>
internal static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}
        h1{font-size:1.6em;margin-bottom:4px} h2{font-size:1.25em;margin-top:32px;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;font-size:.85em;margin:8px 0} th,td{border:1px solid #ddd;padding:3px 7px;text-align:right}
        th{background:#f4f4f4;position:sticky;top:0} td.text,th.text{text-align:left} .note{color:#555;font-size:.9em}
        .scroll{max-height:480px;overflow:auto;display:inline-block;max-width:100%} figure{display:inline-block;margin:8px}
        figcaption{font-size:.85em;color:#555} figure svg{max-width:100%;height:auto} pre{font-size:.8em;max-height:400px;overflow:auto;background:#f8f8f8;padding:8px}
        """;

    public static string Write(ReportContent content)
    {
        var c = CultureInfo.InvariantCulture;
        var dataset = content.Dataset;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(c, $"<title>LifeSweep report: {Html.Escape(dataset.Name)}</title>\n<style>{Style}</style>\n</head>\n<body>\n");
        html.Append(c, $"<h1>Sweep <span id=\"sweep-name\">{Html.Escape(dataset.Name)}</span></h1>\n");
        html.Append(c, $"<p class=\"note\">Dataset {Html.Escape(dataset.Directory)}: report by <code>life-sweep report</code>.</p>\n");

        WriteCounts(html, content);
        WriteSpec(html, content);
        WriteFront(html, content);
        WritePlots(html, content);
        WriteBest(html, content);
        WriteServing(html, content);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteCounts(StringBuilder html, ReportContent content)
    {
        var c = CultureInfo.InvariantCulture;
        var scope = content.Scope;
        html.Append("<section id=\"counts\">\n<h2>Counts</h2>\n<table>\n");
        foreach (var (name, value) in content.Dataset.Counts)
        {
            html.Append(c, $"<tr><th class=\"text\">{Html.Escape(name.Replace('_', ' '))}</th><td>{value:N0}</td></tr>\n");
        }

        html.Append(c, $"<tr><th class=\"text\">rows in this report's scope</th><td id=\"candidate-rows\">{content.Sample.CandidateRows:N0}</td></tr>\n");
        html.Append(c, $"<tr><th class=\"text\">Pareto rows ({Html.Escape(string.Join(", ", scope.Objectives))})</th><td id=\"front-rows\">{content.Front.Count:N0}</td></tr>\n");
        html.Append("</table>\n");
        var scopeText = "Scope: rows that meet the spec's constraints" + (scope.Where is null ? "" : $" and the filter <code>{Html.Escape(scope.Where)}</code>")
            + " with every objective defined"
            + (content.ObjectivesFromSpec ? "; objectives from the spec." : "; objectives given on the command line.");
        html.Append(c, $"<p class=\"note\">{scopeText}</p>\n");
        var sampling = content.Sample.IsSampled
            ? $"The scatter plots draw {content.Sample.Count:N0} of {content.Sample.CandidateRows:N0} rows in scope (a sample: the rows with the smallest hash of config_id, the same on every run), plus every one of the {content.Front.Count:N0} Pareto rows, which are computed over all rows."
            : $"The scatter plots draw all {content.Sample.CandidateRows:N0} rows in scope and the {content.Front.Count:N0} Pareto rows.";
        html.Append(c, $"<p id=\"sampling\" data-drawn=\"{content.Sample.Count}\" data-candidates=\"{content.Sample.CandidateRows}\">{Html.Escape(sampling)}</p>\n</section>\n");
    }

    private static void WriteSpec(StringBuilder html, ReportContent content)
    {
        var spec = content.Dataset.Spec;
        html.Append("<section id=\"spec\">\n<h2>Spec</h2>\n<table>\n");
        Row(html, "hardware", Ids(spec, "hardware"));
        Row(html, "models", Ids(spec, "models"));
        foreach (var group in new[] { "optimizations", "workload" })
        {
            if (spec.TryGetProperty(group, out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in section.EnumerateObject())
                {
                    Row(html, property.Name, Values(property.Value));
                }
            }
        }

        if (spec.TryGetProperty("constraints", out var constraints) && constraints.ValueKind == JsonValueKind.Object)
        {
            Row(html, "constraints", string.Join(", ", constraints.EnumerateObject().Select(p => $"{p.Name} = {p.Value}")));
        }

        Row(html, "objectives", string.Join(", ", content.Dataset.SpecObjectives));
        html.Append("</table>\n<details><summary>Full spec as resolved (sweep.json)</summary>\n<pre>");
        html.Append(Html.Escape(JsonSerializer.Serialize(spec, JsonOptions)));
        html.Append("</pre></details>\n</section>\n");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static void WriteFront(StringBuilder html, ReportContent content)
    {
        var c = CultureInfo.InvariantCulture;
        var front = content.Front;
        html.Append("<section id=\"front\">\n<h2>Pareto front</h2>\n");
        if (front.Count == 0)
        {
            html.Append("<p>No row is in scope: the front is empty.</p>\n</section>\n");
            return;
        }

        var shown = front.Table.Rows.Count < front.Count ? $"the first {front.Table.Rows.Count:N0} of {front.Count:N0} rows" : $"all {front.Count:N0} rows";
        html.Append(c, $"<p class=\"note\">{Html.Escape(shown)}, best first on {Html.Escape(content.Scope.Objectives[0].ToString())}.</p>\n");
        Table(html, front.Table, "front-table");
        html.Append("</section>\n");
    }

    private static void WritePlots(StringBuilder html, ReportContent content)
    {
        html.Append("<section id=\"plots\">\n<h2>Objectives against each other</h2>\n");
        if (content.Scatter.Count == 0)
        {
            html.Append("<p>Fewer than two objectives: no pair to plot.</p>\n");
        }

        foreach (var plot in content.Scatter)
        {
            Figure(html, plot, content.PlotFiles[plot], "scatter");
        }

        html.Append("</section>\n");
    }

    private static void WriteBest(StringBuilder html, ReportContent content)
    {
        if (content.Best.Headers.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"best\">\n<h2>Best configuration per hardware × model</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Best on {Html.Escape(content.Scope.Objectives[0].ToString())} among the rows in scope; \"-\" where no configuration of the pair is in scope (for example none fits).</p>\n");
        Table(html, content.Best, "best-table");
        html.Append("</section>\n");
    }

    private static void WriteServing(StringBuilder html, ReportContent content)
    {
        if (content.ServingPlots.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"serving\">\n<h2>Serving: P99 latency against request rate</h2>\n");
        foreach (var curves in content.Serving.Where(s => s.Deployments > ServingCurves.MaxDeployments).Take(1))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">The first {ServingCurves.MaxDeployments} of {curves.Deployments} deployments by name are drawn.</p>\n");
        }

        foreach (var plot in content.ServingPlots)
        {
            Figure(html, plot, content.PlotFiles[plot], "serving");
        }

        html.Append("</section>\n");
    }

    private static void Figure(StringBuilder html, RenderedPlot plot, string file, string kind)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append(c, $"<figure class=\"plot {kind}\" data-plot=\"{Html.Escape(plot.Stem)}\" data-points=\"{plot.Points}\">\n");
        html.Append(Html.InlineSvg(plot.Svg, "plot-" + plot.Stem));
        html.Append(c, $"\n<figcaption>{Html.Escape(plot.Title)}: {plot.Points:N0} points; files {Html.Escape(file)}.svg and .png</figcaption>\n</figure>\n");
    }

    private static void Table(StringBuilder html, RowTable table, string id)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append(c, $"<div class=\"scroll\"><table id=\"{id}\">\n<thead><tr>");
        var numeric = new bool[table.Headers.Count];
        for (var i = 0; i < numeric.Length; i++)
        {
            numeric[i] = table.Rows.All(r => r[i] == "-" || double.TryParse(r[i], NumberStyles.Float, c, out _));
            html.Append(c, $"<th{(numeric[i] ? "" : " class=\"text\"")}>{Html.Escape(table.Headers[i])}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                html.Append(c, $"<td{(numeric[i] ? "" : " class=\"text\"")}>{Html.Escape(row[i])}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th class=\"text\">{Html.Escape(name)}</th><td class=\"text\">{Html.Escape(value)}</td></tr>\n");

    private static string Ids(JsonElement spec, string key) =>
        spec.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(", ", list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) ? id.ToString() : e.ToString()))
            : "";

    private static string Values(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Join(", ", value.EnumerateArray().Select(e => e.ToString())) : value.ToString();
}
