using Life.Reports.Data;
using Life.Reports.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Life.Reports.Tests;

/// <summary>
/// A report of a 10-million-row dataset: the front is exact (a known front of ten rows spread over
/// the files, and better rows that fail the constraints left out), the plots draw a bounded sample
/// and say so, and the managed memory allocated does not grow with the rows (compared with the same
/// report of a tenth of them).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class LargeDatasetTests(ITestOutputHelper log) : IDisposable
{
    private const long Rows = 10_000_000;
    private const long TenthRows = Rows / 10;

    /// <summary>
    /// Rows are random in [1, 2) on both objectives, except ten front rows on a line below 1 (ids
    /// 17 + j·1,000,003) and every thousandth row, better than all but failing the constraints.
    /// </summary>
    private static string Select(long rows) => $"""
        SELECT i AS config_id,
               ['h100-sxm', 'a100-80gb', 'rtx-4090', 'l40s', 'h200'][(i % 5) + 1] AS hardware,
               ['llama-3-8b', 'mistral-7b'][((i // 5) % 2) + 1] AS model,
               CAST(1 + (i // 10) % 64 AS INTEGER) AS batch,
               CASE WHEN i % 1000003 = 17 THEN 0.1 + 0.08 * (i // 1000003)
                    WHEN i % 1000 = 999 THEN 0.01
                    ELSE 1 + (hash(i) % 1000000) / 1e6 END AS tpot_ms,
               CASE WHEN i % 1000003 = 17 THEN 0.9 - 0.08 * (i // 1000003)
                    WHEN i % 1000 = 999 THEN 0.01
                    ELSE 1 + (hash(i * 7 + 3) % 1000000) / 1e6 END AS cost_per_mtok,
               i % 1000 <> 999 AS meets_constraints
        FROM range({rows}) t(i)
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("life-report-10m-").FullName;

    [Fact]
    public void A_ten_million_row_report_has_the_exact_front_a_bounded_sample_and_allocates_no_more_than_one_of_a_tenth_of_the_rows()
    {
        var tenth = Path.Combine(_root, "tenth");
        SyntheticDataset.Write(tenth, Select(TenthRows), ["min:tpot_ms", "min:cost_per_mtok"], files: 4);
        var beforeTenth = GC.GetTotalAllocatedBytes(precise: true);
        var tenthResult = ReportBuilder.Build(new ReportRequest(tenth, Path.Combine(_root, "tenth.html")));
        var allocatedTenth = GC.GetTotalAllocatedBytes(precise: true) - beforeTenth;
        Assert.Equal(TenthRows - (TenthRows / 1000), tenthResult.CandidateRows);

        var dataset = Path.Combine(_root, "data");
        SyntheticDataset.Write(dataset, Select(Rows), ["min:tpot_ms", "min:cost_per_mtok"], files: 4);
        var expectedFront = Enumerable.Range(0, 10).Select(j => 17L + (j * 1_000_003L)).ToArray();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = ReportBuilder.Build(new ReportRequest(dataset, Path.Combine(_root, "report.html")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        log.WriteLine($"10M rows: {started.Elapsed.TotalSeconds:F1} s, {allocated / 1e6:F1} MB allocated (1M rows: {allocatedTenth / 1e6:F1} MB), working set {Environment.WorkingSet / 1e6:F0} MB");

        Assert.Equal(Rows - (Rows / 1000), result.CandidateRows);
        Assert.Equal(10, result.FrontRows);
        Assert.Equal(ReportRequest.DefaultPointLimit, result.PointsDrawn);
        Assert.InRange(result.MaxRowsBuffered, 1, 2 * StreamingFront.ChunkRows); // one chunk and the running front, never the rows
        // Ten times the rows, at most a quarter more allocated (a thousandth of a byte per extra row):
        // anything that held or copied rows would allocate ten times as much.
        Assert.True(allocated < allocatedTenth * 1.25, $"{allocated:N0} bytes allocated for {Rows:N0} rows, {allocatedTenth:N0} for {TenthRows:N0}: something holds or copies rows");

        var html = File.ReadAllText(result.HtmlPath);
        Assert.Contains("draw 4,000 of 9,990,000 rows in scope (a sample", html, StringComparison.Ordinal);
        foreach (var id in expectedFront)
        {
            Assert.Contains($"<td>{id}</td>", html, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
