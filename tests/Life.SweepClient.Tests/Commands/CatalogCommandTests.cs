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
    public async Task The_hardware_catalog_json_carries_power_price_and_interconnect_with_null_when_unknown()
    {
        var run = await CliRun.Of("catalog", "hardware", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var h100 = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "h100-sxm");

        // data/hardware/h100-sxm.json: 700 W board power, 900 GB/s NVLink, rented at $2.95/h, no purchase price.
        Assert.Equal(700, h100.GetProperty("power_w").GetDouble());
        Assert.Equal(900, h100.GetProperty("interconnect_gbs").GetDouble());
        Assert.Equal(2.95, h100.GetProperty("price_usd_per_hour").GetDouble());
        Assert.Equal(JsonValueKind.Null, h100.GetProperty("price_usd").ValueKind);

        // The rental price wins, so the hourly cost is the rental price itself.
        Assert.Equal(2.95, h100.GetProperty("hourly_cost_usd").GetDouble());

        // Every entry has every field, so consumers need no existence checks.
        Assert.All(json.RootElement.EnumerateArray(), e =>
        {
            foreach (var field in new[] { "power_w", "price_usd", "price_usd_per_hour", "hourly_cost_usd", "interconnect_gbs" })
            {
                Assert.True(e.TryGetProperty(field, out _), field);
            }
        });
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
