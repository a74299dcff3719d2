using Life.Engine;

namespace Life.Reports.Data;

/// <summary>
/// The rows a report is about, as SQL over <see cref="ResultsTable"/>: the canonical ones that meet the
/// spec's constraints (like pareto.parquet), pass the <c>--where</c> filter, and have every objective
/// defined. Also which columns are sweep dimensions and which metrics the tables show.
/// </summary>
public sealed class ReportScope
{
    private static readonly string[] ShownMetrics = ["ttft_ms", "tpot_ms", "throughput_tps", "memory_gb", "cost_per_mtok"];

    public ReportScope(ResultsTable table, FinishedDataset dataset, IReadOnlyList<ReportObjective> objectives, string? where)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(objectives);
        foreach (var objective in objectives)
        {
            if (!table.Has(objective.Column))
            {
                throw new EngineInputException($"objective '{objective}': the dataset has no column '{objective.Column}' (numeric columns: {string.Join(", ", table.Columns.Where(table.IsNumeric))})");
            }

            if (!table.IsNumeric(objective.Column))
            {
                throw new EngineInputException($"objective '{objective}': column '{objective.Column}' is {table.ColumnTypes[objective.Column]}, not a number");
            }
        }

        if (where is not null)
        {
            table.CheckWhere(where);
        }

        Table = table;
        Objectives = objectives;
        Where = where;
        var conditions = new List<string>();
        if (table.Has("meets_constraints"))
        {
            conditions.Add("meets_constraints");
        }

        // A row the engine cannot tell from one with a lower config_id (a chunk at least the prompt,
        // say) would draw the same point twice and list the same configuration twice in the front.
        if (table.Has("canonical"))
        {
            conditions.Add("canonical IS NOT FALSE");
        }

        if (where is not null)
        {
            conditions.Add($"({where})");
        }

        conditions.AddRange(objectives.Select(o => $"isfinite(CAST({ResultsTable.Identifier(o.Column)} AS DOUBLE))"));
        Filter = conditions.Count == 0 ? "true" : string.Join(" AND ", conditions);
        Dimensions = DimensionColumns(table, dataset);
        Metrics = [.. objectives.Select(o => o.Column).Concat(ShownMetrics.Where(table.Has)).Distinct(StringComparer.Ordinal)];
    }

    public ResultsTable Table { get; }

    public IReadOnlyList<ReportObjective> Objectives { get; }

    public string? Where { get; }

    /// <summary>The SQL condition selecting the rows in scope.</summary>
    public string Filter { get; }

    /// <summary>The sweep's dimension columns (hardware, model, then the spec's optimizations and workload keys), in column order.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>The metric columns shown in tables: the objectives first, then the usual metrics.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>The SQL value that is smaller for a better row on <paramref name="objective"/>.</summary>
    public static string Minimized(ReportObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var column = $"CAST({ResultsTable.Identifier(objective.Column)} AS DOUBLE)";
        return objective.Maximize ? $"(-{column})" : column;
    }

    private static string[] DimensionColumns(ResultsTable table, FinishedDataset dataset)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "hardware", "model" };
        foreach (var group in new[] { "optimizations", "workload" })
        {
            if (dataset.Spec.TryGetProperty(group, out var section) && section.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var property in section.EnumerateObject())
                {
                    keys.Add(property.Name);
                }
            }
        }

        return [.. table.Columns.Where(keys.Contains)];
    }
}
