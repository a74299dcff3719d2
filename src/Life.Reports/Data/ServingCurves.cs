namespace Life.Reports.Data;

/// <summary>
/// For a serving sweep (a dataset with a request-rate column and P99 latency columns): per
/// deployment (hardware × model, and device count, pool shape or parallelism where the dataset has them), the
/// best P99 reached at each request rate over the other dimensions, one curve per deployment.
/// A dataset without those columns has no curves.
/// </summary>
public sealed class ServingCurves
{
    /// <summary>More lines than this on one plot cannot be told apart; the report says which are drawn.</summary>
    public const int MaxDeployments = 12;

    private static readonly string[] RateColumns = ["qps", "request_rate_qps", "arrival_qps", "request_rate"];
    // disaggregation: an xPyD pool shape of a sweep (docs/serving.md) is a deployment apart from the colocated one.
    private static readonly string[] DeploymentColumns = ["hardware", "model", "devices", "disaggregation", "tensor_parallel", "pipeline_parallel", "replicas", "deployment"];

    private ServingCurves(string rate, string latency, IReadOnlyList<ServingCurve> curves, int deployments)
    {
        RateColumn = rate;
        LatencyColumn = latency;
        Curves = curves;
        Deployments = deployments;
    }

    public string RateColumn { get; }

    public string LatencyColumn { get; }

    public IReadOnlyList<ServingCurve> Curves { get; }

    /// <summary>Deployments in the dataset (of which at most <see cref="MaxDeployments"/> are drawn).</summary>
    public int Deployments { get; }

    /// <summary>One set of curves per P99 column; none when the dataset is not a serving sweep.</summary>
    public static IReadOnlyList<ServingCurves> Read(ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var table = scope.Table;
        var rate = RateColumns.FirstOrDefault(c => table.Has(c) && table.IsNumeric(c));
        var latencies = table.Columns.Where(c => c.StartsWith("p99_", StringComparison.Ordinal) && table.IsNumeric(c)).ToArray();
        var keys = DeploymentColumns.Where(table.Has).ToArray();
        if (rate is null || latencies.Length == 0 || keys.Length == 0)
        {
            return [];
        }

        var result = new List<ServingCurves>();
        foreach (var latency in latencies)
        {
            result.Add(ReadOne(scope, rate, latency, keys));
        }

        return result;
    }

    private static ServingCurves ReadOne(ReportScope scope, string rate, string latency, string[] keys)
    {
        var label = string.Join(" || ' · ' || ", keys.Select(k => $"CAST({ResultsTable.Identifier(k)} AS VARCHAR)"));
        var where = scope.Where is null ? "" : $" AND ({scope.Where})";
        var r = ResultsTable.Identifier(rate);
        var l = ResultsTable.Identifier(latency);
        var sql = $"""
            WITH points AS (
                SELECT {label} AS deployment, CAST({r} AS DOUBLE) AS rate, min(CAST({l} AS DOUBLE)) AS p99
                FROM results WHERE isfinite(CAST({l} AS DOUBLE)) AND isfinite(CAST({r} AS DOUBLE)){where}
                GROUP BY ALL),
            ranked AS (SELECT deployment, dense_rank() OVER (ORDER BY deployment) AS n FROM (SELECT DISTINCT deployment FROM points))
            SELECT p.deployment, p.rate, p.p99, (SELECT max(n) FROM ranked) AS total
            FROM points p JOIN ranked USING (deployment)
            WHERE n <= {MaxDeployments}
            ORDER BY p.deployment, p.rate
            """;
        var curves = new List<ServingCurve>();
        var deployments = 0;
        using (var reader = scope.Table.Query(sql))
        {
            string? current = null;
            List<double> xs = [], ys = [];
            while (reader.Read())
            {
                var name = reader.IsDBNull(0) ? "" : reader.GetString(0);
                deployments = (int)reader.GetInt64(3);
                if (name != current)
                {
                    if (current is not null)
                    {
                        curves.Add(new ServingCurve(current, [.. xs], [.. ys]));
                    }

                    (current, xs, ys) = (name, [], []);
                }

                xs.Add(reader.GetDouble(1));
                ys.Add(reader.GetDouble(2));
            }

            if (current is not null)
            {
                curves.Add(new ServingCurve(current, [.. xs], [.. ys]));
            }
        }

        return new ServingCurves(rate, latency, curves, deployments);
    }
}
