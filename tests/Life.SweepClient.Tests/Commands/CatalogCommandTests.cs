using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

public sealed class CatalogCommandTests
{
    [Fact]
    public async Task The_hardware_catalog_lists_every_contract_id_with_sources()
    {
        var run = await CliRun.Of("catalog", "hardware", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var ids = json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToHashSet();
        foreach (var id in new[] { "v100", "h100-sxm", "rtx-4090", "mi300x", "ryzen-9-hx-370-cpu", "ryzen-ai-max-395-npu", "m3-max" })
        {
            Assert.Contains(id, ids);
        }

        Assert.All(json.RootElement.EnumerateArray(), e => Assert.True(e.GetProperty("sources").TryGetProperty("bandwidth_gbs", out _)));
    }

    [Fact]
    public async Task The_model_catalog_table_shows_parameter_counts()
    {
        var run = await CliRun.Of("catalog", "models");

        Assert.Equal(0, run.ExitCode);
        var line = run.Output.Split('\n').Single(l => l.StartsWith("llama-2-7b ", StringComparison.Ordinal));
        Assert.Contains("6.74", line, StringComparison.Ordinal);
    }
}
