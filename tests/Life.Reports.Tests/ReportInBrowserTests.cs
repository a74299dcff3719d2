using System.Text.RegularExpressions;
using Life.Reports.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Life.Reports.Tests;

/// <summary>
/// The quick start's report opened in headless Chromium: every plot drawn with its points, the
/// tables filled, no network request. A screenshot and the report itself stay under the test
/// output (bin/.../report-screenshots) for a person to look at.
/// </summary>
public sealed partial class ReportInBrowserTests(QuickStartDataset quickStart) : IClassFixture<QuickStartDataset>
{
    [Fact]
    public async Task The_quick_start_report_renders_every_plot_with_its_points_and_makes_no_network_request()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "report-screenshots");
        Directory.CreateDirectory(folder);
        var htmlPath = Path.Combine(folder, "quickstart-report.html");
        var result = ReportBuilder.Build(new ReportRequest(quickStart.Output, htmlPath));
        var html = await File.ReadAllTextAsync(htmlPath);
        Assert.DoesNotMatch(RemoteReference(), html);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add(request.Url);
        var address = new Uri(htmlPath).AbsoluteUri;
        await page.GotoAsync(address, new() { WaitUntil = WaitUntilState.NetworkIdle });

        var figures = await page.QuerySelectorAllAsync("figure.plot");
        Assert.Equal(3, figures.Count);
        foreach (var figure in figures)
        {
            var svg = await figure.QuerySelectorAsync("svg");
            Assert.NotNull(svg);
            var box = await svg.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 300 && box.Height > 200, $"{await figure.GetAttributeAsync("data-plot")}: {box.Width}x{box.Height}");
            var points = int.Parse(await figure.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var markers = await figure.EvalOnSelectorAllAsync<int>("svg ellipse", "e => e.length");
            var drawnMarkers = await figure.EvalOnSelectorAllAsync<int>("svg ellipse", "e => e.filter(m => m.getBoundingClientRect().width > 0).length");
            Assert.Equal(result.PointsDrawn + result.FrontRows, points);
            Assert.True(markers >= points, $"{markers} markers for {points} points");
            Assert.True(drawnMarkers >= points, $"{drawnMarkers} visible markers for {points} points");
        }

        // Ids are unique in the page: a repeated clip-path id would clip one plot to another's rectangle.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }"));
        Assert.Equal(result.FrontRows, await page.Locator("#front-table tbody tr").CountAsync());
        Assert.Equal(25, await page.Locator("#best-table tbody tr").CountAsync()); // 5 GPUs × 5 models
        Assert.Equal("quickstart-procurement", await page.Locator("#sweep-name").InnerTextAsync());
        // The rows in scope counted independently: the canonical ones meeting the constraints with every objective defined.
        var inScope = CountRows(quickStart.Output, "meets_constraints AND canonical AND cost_per_m_output_tokens IS NOT NULL AND tpot_ms IS NOT NULL AND output_tps IS NOT NULL");
        Assert.Equal(inScope, result.CandidateRows);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"4,000 of {inScope:N0}"), await page.Locator("#sampling").InnerTextAsync(), StringComparison.Ordinal);

        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "quickstart-report.png"), FullPage = true });
        Assert.Equal([address], requests);
        Assert.Empty(failed);
    }

    private static long CountRows(string dataset, string where)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{Path.Combine(dataset, "results", "*.parquet").Replace("'", "''", StringComparison.Ordinal)}') WHERE {where}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A src or href that would fetch from a network (http:, https: or protocol-relative).</summary>
    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteReference();
}
