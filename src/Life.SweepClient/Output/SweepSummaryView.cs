using System.Globalization;
using System.Text;
using Life.Grains.Sweeps;
using Life.Sweep.Coordination;
using Life.Sweep.Results;
using Life.Sweep.Specs;

namespace Life.SweepClient.Output;

/// <summary>What `run` prints at the end: counts, rate, the top Pareto rows, and how to open the data.</summary>
internal static class SweepSummaryView
{
    private static readonly MetricColumn[] Shown =
        [MetricColumn.TtftMs, MetricColumn.TpotMs, MetricColumn.OutputTps, MetricColumn.MemoryGB, MetricColumn.CostPerMOutputTokens];

    public static void Write(TextWriter output, SweepSummary summary, int top)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"done: {summary.Configurations:N0} configurations in {summary.Shards:N0} shards ({summary.ShardsRunNow:N0} evaluated now in {summary.Elapsed.TotalSeconds:F1} s, {summary.ConfigsPerSecond:N0} configurations/s)"));
        output.WriteLine(string.Create(c, $"      {summary.RowsMeetingConstraints:N0} meet the constraints; Pareto front ({string.Join(", ", summary.Spec.Objectives)}): {summary.Front.Count:N0} rows"));
        WriteFront(output, summary.Spec, summary.Front, top);
        output.WriteLine();
        output.WriteLine(string.Create(c, $"results: {Path.Combine(summary.OutputDirectory, "results")}   front: {Path.Combine(summary.OutputDirectory, "pareto.parquet")}"));
        output.WriteLine(string.Create(c, $"report:  life-sweep report {summary.OutputDirectory}"));
        output.WriteLine(string.Create(c, $"query:   life-sweep query {summary.OutputDirectory} \"SELECT * FROM results WHERE meets_constraints AND canonical ORDER BY tpot_ms LIMIT 10\""));
    }

    /// <summary>The front rows as a text table, best first on the first objective.</summary>
    public static void WriteFront(TextWriter output, SweepSpec spec, ResultBatch front, int top)
    {
        if (front.Count == 0 || top <= 0)
        {
            return;
        }

        var schema = new ResultSchema(spec);
        var headers = new List<string> { "config_id" };
        headers.AddRange(schema.DimensionOrder.Select(d => spec.Dimensions[d].Key));
        // The objectives beside the usual metrics: a serving sweep's (max_qps_at_slo, p99_*) are not among them.
        var shown = Shown.Concat(spec.Objectives.Select(o => o.Column)).Distinct().ToArray();
        headers.AddRange(shown.Select(MetricColumns.Name));
        var rows = new List<string[]>();
        var first = spec.Objectives.Count > 0 ? spec.Objectives[0] : new Objective(MetricColumn.TpotMs, false);
        var order = Enumerable.Range(0, front.Count)
            .OrderBy(i => first.Maximize ? -front.Metrics[(int)first.Column][i] : front.Metrics[(int)first.Column][i])
            .ThenBy(i => front.ConfigIds[i])
            .Take(top);
        foreach (var row in order)
        {
            var cells = new List<string> { front.ConfigIds[row].ToString(CultureInfo.InvariantCulture) };
            foreach (var d in schema.DimensionOrder)
            {
                var dimension = spec.Dimensions[d];
                cells.Add(dimension.Kind switch
                {
                    DimensionKind.Text => dimension.Texts[front.Indices[d][row]],
                    DimensionKind.Real => front.Reals[d][row].ToString("G", CultureInfo.InvariantCulture),
                    _ => front.Integers[d][row].ToString(CultureInfo.InvariantCulture),
                });
            }

            foreach (var metric in shown)
            {
                var present = front.Present[(int)metric] is not { } flags || flags[row];
                cells.Add(present ? Format(front.Metrics[(int)metric][row]) : "-");
            }

            rows.Add([.. cells]);
        }

        output.WriteLine();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(headers.ToArray(), widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i].PadLeft(widths[i])).Append("  ");
        }

        return line.ToString().TrimEnd();
    }

    private static string Format(double value) => Math.Abs(value) >= 100
        ? value.ToString("F0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
