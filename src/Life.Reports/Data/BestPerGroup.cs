namespace Life.Reports.Data;

/// <summary>
/// The best row in scope for each hardware × model pair, "best" on the first objective (ties to the
/// lower config id): one hash aggregate (memory grows with the pairs, not the rows), then the winning
/// rows read back. Pairs with no row in scope are listed as such: "nothing fits" is an answer too.
/// </summary>
public static class BestPerGroup
{
    public static RowTable Read(ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var table = scope.Table;
        var groups = new[] { "hardware", "model" }.Where(table.Has).Select(ResultsTable.Identifier).ToArray();
        if (groups.Length == 0 || scope.Objectives.Count == 0)
        {
            return new RowTable([], []);
        }

        var keys = string.Join(", ", groups);
        var rest = scope.Dimensions.Where(d => d is not ("hardware" or "model")).Concat(scope.Metrics).Select(c => "r." + ResultsTable.Identifier(c));
        var columns = string.Join(", ", groups.Select(g => "p." + g).Append("r.config_id").Concat(rest));
        var minimized = ReportScope.Minimized(scope.Objectives[0]);
        var sql = $"""
            WITH pairs AS (SELECT DISTINCT {keys} FROM results),
                 best AS (SELECT {keys}, arg_min(config_id, [{minimized}, CAST(config_id AS DOUBLE)]) AS config_id FROM results WHERE {scope.Filter} GROUP BY {keys}),
                 chosen AS (SELECT p.*, b.config_id FROM pairs p LEFT JOIN best b USING ({keys}))
            SELECT {columns}
            FROM chosen p LEFT JOIN (SELECT * FROM results WHERE config_id IN (SELECT config_id FROM best)) r ON r.config_id = p.config_id
            ORDER BY {string.Join(", ", groups.Select(g => "p." + g))}
            """;
        using var reader = table.Query(sql);
        return RowTable.Read(reader);
    }
}
