using System.Globalization;
using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

/// <summary>`validate` on rows over several devices: the layout checks, the fits flag, and the same forecast as predict.</summary>
public sealed class ValidateLayoutCommandTests : IDisposable
{
    private const string Header = "source,hardware,tflops,int8_tops,bandwidth_gbs,memory_gb,devices,framework,model,weight_bits,act_bits,kv_bits,batch,input_tokens,output_tokens,metric,value";

    private readonly string _temp = Directory.CreateTempSubdirectory("life-validate-layout-tests-").FullName;

    [Fact]
    public async Task An_invalid_layout_is_counted_apart_with_its_reason_and_never_forecast()
    {
        // vLLM on 3 H100s is tp = 3, which does not divide Llama-2-70B's 64 heads (64 = 3·21 + 1); on 4, tp = 4 does.
        var csv = await Write("layout.csv", "x,h100-sxm,,,,,3,vLLM,llama-2-70b,16,16,16,1,128,128,e2e_ms,9000", "x,h100-sxm,,,,,4,vLLM,llama-2-70b,16,16,16,1,128,128,e2e_ms,3000");
        var report = Path.Combine(_temp, "report.csv");

        var run = await CliRun.Of("validate", csv, "--json", "--report", report);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal((1, 0, 1), (root.GetProperty("rows").GetInt32(), root.GetProperty("skipped").GetInt32(), root.GetProperty("invalid").GetInt32()));
        Assert.Equal(1, root.GetProperty("overall").GetProperty("rows").GetInt32());
        Assert.Equal("tp = 3 does not divide the 64 attention heads of 'llama-2-70b'", root.GetProperty("invalid_reasons")[0].GetProperty("reason").GetString());
        var invalidLine = (await File.ReadAllLinesAsync(report)).Single(l => l.Contains("invalid layout: tp = 3", StringComparison.Ordinal));
        Assert.StartsWith("layout.csv,2,", invalidLine, StringComparison.Ordinal);

        var text = await CliRun.Of("validate", csv);
        Assert.Contains("1 rows predicted, 0 skipped, 1 invalid layouts", text.Output, StringComparison.Ordinal);
        Assert.Contains("invalid layouts (not forecast):", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_whose_model_does_not_fit_is_reported_with_fits_false_and_left_out_of_the_medians()
    {
        // Llama-2-70B in 16 bits, about 138 GB of weights, on one 80 GB A100: does not fit. Llama-2-7B
        // (13.5 GB) does; its row alone makes the statistics.
        var csv = await Write("fits.csv", "x,a100-80gb,,,,,1,vLLM,llama-2-70b,16,16,16,1,128,128,decode_tps,20", "x,a100-80gb,,,,,1,vLLM,llama-2-7b,16,16,16,1,128,128,decode_tps,80");
        var report = Path.Combine(_temp, "report.json");

        var run = await CliRun.Of("validate", csv, "--json", "--report", report);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("not_fitting").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("metrics").GetProperty("decode_tps").GetProperty("rows").GetInt32());
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var byModel = rows.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!, r => r);
        Assert.False(byModel["llama-2-70b"].GetProperty("fits").GetBoolean());
        Assert.True(byModel["llama-2-70b"].GetProperty("predicted").GetDouble() > 0);
        Assert.True(byModel["llama-2-7b"].GetProperty("fits").GetBoolean());
        Assert.Equal(byModel["llama-2-7b"].GetProperty("ape_pct").GetDouble(), json.RootElement.GetProperty("overall").GetProperty("median_ape").GetDouble(), 9);
    }

    [Theory]
    [InlineData(64, 512)]
    [InlineData(2048, 2048)]
    public async Task A_multi_device_rows_forecast_equals_predicts_for_the_same_configuration(int batch, int input)
    {
        // A generic serving framework has neutral factors, so the row is exactly `predict --tp 4`: the
        // collectives on the H100 node topology, and at batch 2048 of 2176-token sequences the KV
        // capacity waves.
        var row = string.Create(CultureInfo.InvariantCulture, $"x,h100-sxm,,,,,4,generic,llama-3-70b,16,16,16,{batch},{input},128,e2e_ms,1000");
        var csv = await Write("same.csv", row);
        var report = Path.Combine(_temp, "same.json");

        var validate = await CliRun.Of("validate", csv, "--report", report);
        var predict = await CliRun.Of("predict", "--hardware", "h100-sxm", "--model", "llama-3-70b", "--tp", "4", "--batch", batch.ToString(CultureInfo.InvariantCulture), "--input", input.ToString(CultureInfo.InvariantCulture), "--output", "128", "--json");

        Assert.Equal(0, validate.ExitCode);
        Assert.Equal(0, predict.ExitCode);
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        using var predicted = JsonDocument.Parse(predict.Output);
        var forecast = rows.RootElement[0];
        Assert.Equal(4, forecast.GetProperty("tp").GetInt32());
        var expected = predicted.RootElement.GetProperty("e2e_ms").GetDouble();
        Assert.Equal(expected, forecast.GetProperty("predicted").GetDouble(), expected * 1e-12);
        Assert.Equal(batch > 1000, predicted.RootElement.GetProperty("waves").GetInt32() > 1);
    }

    [Theory]
    [InlineData("ttft_ms", "ttft_p50_ms")]
    [InlineData("tpot_ms", "tpot_p50_ms")]
    [InlineData("e2e_ms", "e2e_p50_ms")]
    public async Task A_row_at_a_request_rate_is_forecast_as_simulates_steady_state_model(string metric, string field)
    {
        // Two requests/s of 512 + 128 tokens on two H100s (tp 2), a generic framework: the steady-state
        // medians `simulate` reports for the same replica and scheduler.
        var path = Path.Combine(_temp, "rate.csv");
        await File.WriteAllTextAsync(path, Header + ",qps\n" + $"x,h100-sxm,,,,,2,generic,llama-3-8b,16,16,16,1,512,128,{metric},100,2\n");
        var report = Path.Combine(_temp, "rate.json");

        var validate = await CliRun.Of("validate", path, "--report", report);
        var simulate = await CliRun.Of("simulate", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--tp", "2", "--input", "512", "--output", "128", "--qps", "2", "--requests", "100", "--json");

        Assert.Equal(0, validate.ExitCode);
        Assert.Equal(0, simulate.ExitCode);
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        using var simulated = JsonDocument.Parse(simulate.Output);
        var expected = simulated.RootElement.GetProperty("steady_state").GetProperty(field).GetDouble();
        Assert.Equal(expected, rows.RootElement[0].GetProperty("predicted").GetDouble(), expected * 1e-12);
        Assert.False(rows.RootElement[0].GetProperty("saturated").GetBoolean());
    }

    [Fact]
    public async Task A_row_at_a_rate_the_replica_cannot_sustain_is_counted_apart()
    {
        var path = Path.Combine(_temp, "saturated.csv");
        await File.WriteAllTextAsync(path, Header + ",qps\nx,h100-sxm,,,,,1,vLLM,llama-3-8b,16,16,16,1,512,128,ttft_ms,100,10000\nx,h100-sxm,,,,,1,vLLM,llama-3-8b,16,16,16,1,512,128,ttft_ms,100,2\n");
        var report = Path.Combine(_temp, "saturated.csv.out");

        var run = await CliRun.Of("validate", path, "--json", "--report", report);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal((2, 1), (json.RootElement.GetProperty("rows").GetInt32(), json.RootElement.GetProperty("saturated").GetInt32()));
        Assert.Equal(1, json.RootElement.GetProperty("slices").GetProperty("at_rate").GetProperty("overall").GetProperty("rows").GetInt32());
        var lines = await File.ReadAllLinesAsync(report);
        var header = lines[0].Split(',').ToList();
        var saturated = lines[1].Split(',');
        Assert.Equal(("10000", "true", string.Empty), (saturated[header.IndexOf("qps")], saturated[header.IndexOf("saturated")], saturated[header.IndexOf("predicted")]));
    }

    [Fact]
    public async Task The_dev_measurements_report_the_multi_device_and_large_batch_slices()
    {
        var run = await CliRun.Of(["validate", .. Infrastructure.Repository.DevMeasurements, "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var slices = json.RootElement.GetProperty("slices");
        var report = Path.Combine(_temp, "dev.json");
        await CliRun.Of(["validate", .. Infrastructure.Repository.DevMeasurements, "--report", report]);
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var scored = rows.RootElement.EnumerateArray().Where(r => r.TryGetProperty("fits", out var fits) && fits.GetBoolean()).ToList();
        Assert.Equal(scored.Count(r => r.GetProperty("devices").GetInt32() > 1), slices.GetProperty("multi_device").GetProperty("overall").GetProperty("rows").GetInt32());
        Assert.Equal(scored.Count(r => r.GetProperty("batch").GetInt32() >= 64), slices.GetProperty("batch_64_plus").GetProperty("overall").GetProperty("rows").GetInt32());
        Assert.True(slices.GetProperty("batch_64_plus").GetProperty("overall").GetProperty("rows").GetInt32() > 100);
    }

    private async Task<string> Write(string name, params string[] rows)
    {
        var path = Path.Combine(_temp, name);
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join('\n', rows) + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
