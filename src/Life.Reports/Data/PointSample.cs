namespace Life.Reports.Data;

/// <summary>
/// The points a scatter plot draws: every row in scope up to a limit, beyond it a deterministic
/// sample (the rows with the smallest hash of config_id, a top-N that DuckDB keeps in a heap of N,
/// so the memory does not grow with the dataset). Each point has its hardware (for colour) and one
/// value per objective, as stored (not minimized).
/// </summary>
public sealed class PointSample
{
    private PointSample(long candidates, string[] hardware, double[] values, int objectives)
    {
        CandidateRows = candidates;
        Hardware = hardware;
        Values = values;
        Objectives = objectives;
    }

    /// <summary>Rows in scope, all of which would be drawn without a limit.</summary>
    public long CandidateRows { get; }

    public int Count => Hardware.Count;

    public bool IsSampled => Count < CandidateRows;

    /// <summary>Hardware of each point ("" when the dataset has no hardware column).</summary>
    public IReadOnlyList<string> Hardware { get; }

    /// <summary>Row-major, one value per objective.</summary>
    public double[] Values { get; }

    public int Objectives { get; }

    public double Value(int point, int objective) => Values[(point * Objectives) + objective];

    public static PointSample Draw(ReportScope scope, int limit)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var candidates = Convert.ToInt64(scope.Table.Scalar($"SELECT count(*) FROM results WHERE {scope.Filter}"), System.Globalization.CultureInfo.InvariantCulture);
        var k = scope.Objectives.Count;
        var hardware = scope.Table.Has("hardware") ? "CAST(hardware AS VARCHAR)" : "''";
        var columns = string.Join("", scope.Objectives.Select(o => $", CAST({ResultsTable.Identifier(o.Column)} AS DOUBLE)"));
        var sql = $"SELECT {hardware}{columns} FROM results WHERE {scope.Filter} ORDER BY hash(config_id), config_id LIMIT {limit}";
        var names = new List<string>();
        var values = new List<double>();
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = scope.Table.Query(sql))
        {
            while (reader.Read())
            {
                var name = reader.IsDBNull(0) ? "" : reader.GetString(0);
                if (!interned.TryGetValue(name, out var shared))
                {
                    interned[name] = shared = name;
                }

                names.Add(shared);
                for (var j = 0; j < k; j++)
                {
                    values.Add(reader.GetDouble(j + 1));
                }
            }
        }

        return new PointSample(candidates, [.. names], [.. values], k);
    }
}
