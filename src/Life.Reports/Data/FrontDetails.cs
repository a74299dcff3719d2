using Life.Sweep.Pareto;

namespace Life.Reports.Data;

/// <summary>
/// The front's rows read back by config id: a table of their dimensions and metrics (best first on
/// the first objective, at most <see cref="TableLimit"/> rows), and every front point for the plots.
/// </summary>
public sealed class FrontDetails
{
    /// <summary>A table longer than this is not read by anyone; the plots still draw the whole front.</summary>
    public const int TableLimit = 1000;

    private FrontDetails(RowTable table, int count, string[] hardware, double[] values)
    {
        Table = table;
        Count = count;
        Hardware = hardware;
        Values = values;
    }

    public RowTable Table { get; }

    /// <summary>Rows on the front (the table may show fewer).</summary>
    public int Count { get; }

    public IReadOnlyList<string> Hardware { get; }

    /// <summary>Row-major, one stored value per objective.</summary>
    public double[] Values { get; }

    public static FrontDetails Read(ReportScope scope, PartialFront front)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(front);
        var table = scope.Table;
        table.CreateIdTable("front_ids", front.Ids);
        const string inFront = "config_id IN (SELECT config_id FROM front_ids)";
        var order = scope.Objectives.Count == 0 ? "config_id" : $"{ReportScope.Minimized(scope.Objectives[0])}, config_id";
        var columns = string.Join(", ", new[] { "config_id" }.Concat(scope.Dimensions).Concat(scope.Metrics).Select(ResultsTable.Identifier));
        RowTable rows;
        using (var reader = table.Query($"SELECT {columns} FROM results WHERE {inFront} ORDER BY {order} LIMIT {TableLimit}"))
        {
            rows = RowTable.Read(reader);
        }

        var hardware = new List<string>();
        var values = new List<double>();
        var hardwareColumn = table.Has("hardware") ? "CAST(hardware AS VARCHAR)" : "''";
        var objectiveColumns = string.Join("", scope.Objectives.Select(o => $", CAST({ResultsTable.Identifier(o.Column)} AS DOUBLE)"));
        using (var reader = table.Query($"SELECT {hardwareColumn}{objectiveColumns} FROM results WHERE {inFront} ORDER BY config_id"))
        {
            while (reader.Read())
            {
                hardware.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
                for (var j = 0; j < scope.Objectives.Count; j++)
                {
                    values.Add(reader.GetDouble(j + 1));
                }
            }
        }

        return new FrontDetails(rows, front.Count, [.. hardware], [.. values]);
    }
}
