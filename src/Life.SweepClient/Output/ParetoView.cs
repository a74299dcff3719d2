using System.Globalization;
using System.Text;
using Life.Sweep.Datasets;
using Life.Sweep.Pareto;
using Life.Sweep.Specs;

namespace Life.SweepClient.Output;

/// <summary>
/// What <c>pareto</c> prints: the dataset, the objectives, how the rows were narrowed down (the
/// constraints, the filter, rows left out for a null objective), the front's size, and its top
/// rows as a table like <c>run</c>'s summary: best first on the first objective, then by config_id.
/// </summary>
internal sealed class ParetoView
{
    /// <summary>The metrics <c>run</c>'s summary shows; objectives on other metrics are appended.</summary>
    private static readonly MetricColumn[] Shown =
        [MetricColumn.TtftMs, MetricColumn.TpotMs, MetricColumn.OutputTps, MetricColumn.MemoryGB, MetricColumn.CostPerMOutputTokens];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public ParetoView(SweepDataset dataset, DatasetParetoResult result, bool objectivesFromSpec, string? outPath)
    {
        Dataset = dataset;
        Result = result;
        ObjectivesFromSpec = objectivesFromSpec;
        OutPath = outPath;
        var first = result.Objectives[0];
        var key = result.Front[MetricColumns.Name(first.Column)];
        var ids = result.Front["config_id"];
        Order = [.. Enumerable.Range(0, result.Front.Count)
            .OrderBy(i => ParetoFront.Minimized(key.GetDouble(i), first))
            .ThenBy(ids.GetInt64)];
    }

    public SweepDataset Dataset { get; }

    public DatasetParetoResult Result { get; }

    public bool ObjectivesFromSpec { get; }

    public string? OutPath { get; }

    /// <summary>Front row positions, best first on the first objective, ties by config_id.</summary>
    public IReadOnlyList<int> Order { get; }

    public void Write(TextWriter output, int top)
    {
        var result = Result;
        output.WriteLine(string.Create(Invariant, $"dataset:    {Dataset.Directory} (sweep '{Dataset.Name}', {Dataset.Files.Count:N0} files, {result.Rows:N0} rows)"));
        if (!Dataset.IsComplete)
        {
            output.WriteLine("note:       no _SUCCESS file: the sweep is not finished, so the front covers only the result files written so far");
        }

        output.WriteLine($"objectives: {string.Join(", ", result.Objectives)}{(ObjectivesFromSpec ? " (the spec's)" : string.Empty)}");
        output.WriteLine($"rows:       {Narrowing()}");
        output.WriteLine(string.Create(Invariant, $"Pareto front: {result.Front.Count:N0} rows"));
        WriteTable(output, top);
        if (OutPath is not null)
        {
            output.WriteLine();
            output.WriteLine(string.Create(Invariant, $"wrote {result.Front.Count:N0} front rows to {OutPath}"));
        }
    }

    /// <summary>One line: the rows considered at each step.</summary>
    private string Narrowing()
    {
        var result = Result;
        var parts = new List<string> { string.Create(Invariant, $"{result.Rows:N0}") };
        parts.Add(result.ConstrainedOnly
            ? string.Create(Invariant, $"{result.RowsEligible:N0} meet the constraints")
            : "constraints ignored (--all-rows)");
        if (result.Where is not null)
        {
            parts.Add(string.Create(Invariant, $"{result.RowsMatched:N0} of them match --where"));
        }

        if (result.RowsEquivalent > 0)
        {
            parts.Add(string.Create(Invariant, $"{result.RowsEquivalent:N0} left out as the same configuration as a lower config_id (canonical = false)"));
        }

        if (result.RowsMissingObjective > 0)
        {
            var which = result.Objectives
                .Select((o, j) => (Name: MetricColumns.Name(o.Column), Count: result.MissingByObjective[j]))
                .Where(m => m.Count > 0)
                .Select(m => string.Create(Invariant, $"{m.Name}: {m.Count:N0}"));
            parts.Add(string.Create(Invariant, $"{result.RowsMissingObjective:N0} left out for a null objective value ({string.Join(", ", which)})"));
        }

        parts.Add(string.Create(Invariant, $"front computed over {result.Candidates:N0}"));
        return string.Join("; ", parts);
    }

    private void WriteTable(TextWriter output, int top)
    {
        var front = Result.Front;
        if (front.Count == 0 || top <= 0)
        {
            return;
        }

        var columns = TableColumns();
        var rows = Order.Take(top).Select(row => columns.Select(c => Cell(c, row)).ToArray()).ToList();
        var headers = columns.Select(c => c.Column.Name).ToArray();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine();
        output.WriteLine(Line(headers, widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        if (front.Count > top)
        {
            output.WriteLine(string.Create(Invariant, $"({top:N0} of {front.Count:N0} rows shown; --top N for more, --out FILE.parquet for all)"));
        }
    }

    /// <summary>config_id, the dimension columns, then the usual metrics plus any other objective.</summary>
    private List<RowSetColumn> TableColumns()
    {
        var front = Result.Front;
        var metrics = new HashSet<string>(MetricColumns.All, StringComparer.Ordinal) { "fits", "meets_constraints", "canonical", "config_id" };
        var columns = new List<RowSetColumn> { front["config_id"] };
        columns.AddRange(front.Columns.Where(c => !metrics.Contains(c.Column.Name)));
        var shown = Shown.Concat(Result.Objectives.Select(o => o.Column)).Distinct().Select(MetricColumns.Name);
        columns.AddRange(shown.Where(name => front.TryGet(name) is not null).Select(name => front[name]));
        return columns;
    }

    private static string Cell(RowSetColumn column, int row)
    {
        if (column.IsNull(row))
        {
            return "-";
        }

        return column.Column.Kind switch
        {
            ColumnKind.Real when MetricColumns.TryParse(column.Column.Name, out _) => Metric(column.GetDouble(row)),
            ColumnKind.Real => column.GetDouble(row).ToString("G", Invariant),
            _ => column.Format(row)!,
        };
    }

    /// <summary>As <c>run</c>'s summary formats metrics: whole numbers from 100 up, else three decimals at most.</summary>
    private static string Metric(double value) => Math.Abs(value) >= 100
        ? value.ToString("F0", Invariant)
        : value.ToString("0.###", Invariant);

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i].PadLeft(widths[i])).Append("  ");
        }

        return line.ToString().TrimEnd();
    }
}
