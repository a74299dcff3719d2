using Life.Engine;
using Life.Reports.Tests.Infrastructure;

namespace Life.Reports.Tests;

/// <summary>What the report page says and refuses, on small synthetic datasets.</summary>
public sealed class ReportBuilderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("life-report-builder-").FullName;

    private string Data => Path.Combine(_root, "data");

    [Fact]
    public void Names_from_the_dataset_are_escaped_in_the_page()
    {
        SyntheticDataset.Write(Data, """
            SELECT i AS config_id, CASE WHEN i % 2 = 0 THEN '<script>alert(1)</script>' ELSE 'a&b "quoted"' END AS hardware,
                   'm' AS model, CAST(i AS DOUBLE) AS x, CAST(100 - i AS DOUBLE) AS y, true AS meets_constraints
            FROM range(50) t(i)
            """, ["min:x", "min:y"], name: "<b>bold</b> sweep");

        var result = ReportBuilder.Build(new ReportRequest(Data));

        var html = File.ReadAllText(result.HtmlPath);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&amp;b &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; sweep", html, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Data, "report.html"), result.HtmlPath);
        Assert.All(result.PlotFiles, f => Assert.True(new FileInfo(f).Length > 1000, f));
        Assert.Empty(Directory.GetFiles(Data, "*.tmp"));
    }

    [Fact]
    public void Small_datasets_are_drawn_whole_and_the_page_says_so()
    {
        SyntheticDataset.Write(Data, "SELECT i AS config_id, 'gpu' AS hardware, 'm' AS model, CAST(i AS DOUBLE) AS x, CAST(i % 7 AS DOUBLE) AS y, i < 90 AS meets_constraints FROM range(100) t(i)", ["min:x", "max:y"]);

        var result = ReportBuilder.Build(new ReportRequest(Data, Path.Combine(_root, "out", "r.html")));

        Assert.Equal(90, result.CandidateRows);
        Assert.Equal(90, result.PointsDrawn);
        Assert.Contains("draw all 90 rows in scope", File.ReadAllText(result.HtmlPath), StringComparison.Ordinal);
        Assert.Equal([Path.Combine(_root, "out", "r-y_vs_x.svg"), Path.Combine(_root, "out", "r-y_vs_x.png")], result.PlotFiles);
    }

    [Fact]
    public void A_serving_sweep_gets_p99_against_qps_curves_per_deployment()
    {
        SyntheticDataset.Write(Data, """
            SELECT i AS config_id, ['h100', 'l40s'][(i % 2) + 1] AS hardware, 'llama' AS model, CAST(1 + (i // 2) % 8 AS DOUBLE) AS qps,
                   CAST(i // 16 AS INTEGER) AS batch, 50.0 * (1 + (i // 2) % 8) * (1 + i % 2) + i // 16 AS p99_ttft_ms, true AS meets_constraints
            FROM range(64) t(i)
            """, ["min:p99_ttft_ms", "max:qps"]);

        var result = ReportBuilder.Build(new ReportRequest(Data));

        var html = File.ReadAllText(result.HtmlPath);
        Assert.Contains("<section id=\"serving\">", html, StringComparison.Ordinal);
        Assert.Contains("data-plot=\"p99_ttft_ms_vs_qps\" data-points=\"16\"", html, StringComparison.Ordinal); // 2 deployments × 8 rates
        Assert.Contains(Path.Combine(Data, "report-p99_ttft_ms_vs_qps.svg"), result.PlotFiles);
    }

    [Fact]
    public void Each_disaggregated_pool_shape_is_a_deployment_of_its_own()
    {
        // Two shapes on one hardware: batch (i // 16) is the only other dimension, so 2 curves × 8 rates.
        SyntheticDataset.Write(Data, """
            SELECT i AS config_id, 'h100' AS hardware, 'llama' AS model, ['none', '1p1d'][(i % 2) + 1] AS disaggregation,
                   CAST(1 + (i // 2) % 8 AS DOUBLE) AS qps, CAST(i // 16 AS INTEGER) AS batch,
                   50.0 * (1 + (i // 2) % 8) * (1 + i % 2) + i // 16 AS p99_ttft_ms, true AS meets_constraints
            FROM range(64) t(i)
            """, ["min:p99_ttft_ms", "max:qps"]);

        var html = File.ReadAllText(ReportBuilder.Build(new ReportRequest(Data)).HtmlPath);

        Assert.Contains("data-plot=\"p99_ttft_ms_vs_qps\" data-points=\"16\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_engine_sweep_has_no_serving_section()
    {
        SyntheticDataset.Write(Data, "SELECT i AS config_id, 'gpu' AS hardware, 'm' AS model, CAST(i AS DOUBLE) AS x, CAST(-i AS DOUBLE) AS y FROM range(10) t(i)", ["min:x", "min:y"]);

        var html = File.ReadAllText(ReportBuilder.Build(new ReportRequest(Data)).HtmlPath);

        Assert.DoesNotContain("id=\"serving\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("min:nosuch", null, "objective 'min:nosuch': the dataset has no column 'nosuch'")]
    [InlineData("min:hardware", null, "objective 'min:hardware': column 'hardware' is VARCHAR, not a number")]
    [InlineData("fastest", null, "--objectives: 'fastest' is not min:COLUMN or max:COLUMN")]
    [InlineData(null, "nosuch > 1", "--where \"nosuch > 1\": Binder Error: Referenced column \"nosuch\" not found")]
    [InlineData(null, "x >", "--where \"x >\": Parser Error")]
    [InlineData(null, "true; DROP TABLE x", "one expression, no ';'")]
    public void Bad_objectives_and_filters_are_bad_input_and_write_nothing(string? objectives, string? where, string message)
    {
        SyntheticDataset.Write(Data, "SELECT i AS config_id, 'gpu' AS hardware, 'm' AS model, CAST(i AS DOUBLE) AS x, CAST(-i AS DOUBLE) AS y FROM range(10) t(i)", ["min:x", "min:y"]);

        var error = Assert.Throws<EngineInputException>(() => ReportBuilder.Build(new ReportRequest(Data, Objectives: objectives, Where: where)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "report.html")));
    }

    [Fact]
    public void An_unfinished_dataset_is_bad_input()
    {
        SyntheticDataset.Write(Data, "SELECT i AS config_id, CAST(i AS DOUBLE) AS x FROM range(10) t(i)", ["min:x"]);
        File.Delete(Path.Combine(Data, "_SUCCESS"));

        var error = Assert.Throws<EngineInputException>(() => ReportBuilder.Build(new ReportRequest(Data)));

        Assert.Contains("is not a finished dataset: no _SUCCESS", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
