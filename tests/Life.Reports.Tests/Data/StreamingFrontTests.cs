using Life.Reports.Data;
using Life.Reports.Tests.Infrastructure;
using Life.Sweep.Pareto;

namespace Life.Reports.Tests.Data;

/// <summary>The streaming front against the front of all rows at once, and against the sweep's own pareto.parquet.</summary>
public sealed class StreamingFrontTests(QuickStartDataset quickStart) : IClassFixture<QuickStartDataset>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("life-report-front-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(97)]
    [InlineData(100_000)]
    public void Chunked_fronts_merged_equal_the_front_of_all_rows_at_once(int chunkRows)
    {
        // Three objectives with a maximized one, coarse values so that ties occur, a third of the rows failing the constraints.
        SyntheticDataset.Write(_root, """
            SELECT i AS config_id, 'gpu' || (i % 3) AS hardware, (hash(i) % 50) / 10.0 AS a, (hash(i + 1) % 50) / 10.0 AS b,
                   (hash(i + 2) % 50) AS c, i % 3 <> 0 AS meets_constraints
            FROM range(20000) t(i)
            """, ["min:a", "min:b", "max:c"]);
        var dataset = FinishedDataset.Open(_root);
        using var table = ResultsTable.Open(dataset);
        var scope = new ReportScope(table, dataset, dataset.SpecObjectives, where: "hardware <> 'gpu2'");

        var (front, _) = StreamingFront.Compute(scope, chunkRows);

        var ids = new List<long>();
        var values = new List<double>();
        using (var reader = table.Query("SELECT config_id, a, b, -CAST(c AS DOUBLE) FROM results WHERE meets_constraints AND hardware <> 'gpu2' ORDER BY config_id"))
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
                values.AddRange([reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)]);
            }
        }

        var expected = ParetoFront.Indices(values.ToArray(), ids.Count, 3).Select(i => ids[i]).ToArray();
        Assert.True(expected.Length > 5);
        Assert.Equal(expected, front.Ids);
    }

    [Fact]
    public void The_quick_start_front_is_the_one_in_its_pareto_parquet()
    {
        var dataset = FinishedDataset.Open(quickStart.Output);
        using var table = ResultsTable.Open(dataset);
        var scope = new ReportScope(table, dataset, dataset.SpecObjectives, where: null);

        var (front, _) = StreamingFront.Compute(scope, chunkRows: 5000);

        var expected = new List<long>();
        using (var reader = table.Query($"SELECT config_id FROM read_parquet({ResultsTable.Literal(Path.Combine(quickStart.Output, "pareto.parquet"))}) ORDER BY config_id"))
        {
            while (reader.Read())
            {
                expected.Add(reader.GetInt64(0));
            }
        }

        // The count moves whenever the catalog or the engine does; what must hold is that the front is
        // not trivial and lists only canonical rows (each distinct configuration once).
        Assert.True(expected.Count > 5);
        Assert.Equal(expected, front.Ids);
        using var twins = table.Query($"SELECT count(*) FROM results WHERE NOT canonical AND config_id IN (SELECT config_id FROM read_parquet({ResultsTable.Literal(Path.Combine(quickStart.Output, "pareto.parquet"))}))");
        Assert.True(twins.Read());
        Assert.Equal(0L, twins.GetInt64(0));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
