using System.Text.Json;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.SweepClient.Tests.Commands;

/// <summary>A sweep's disaggregated row and `capacity` for the same deployment are one model, so they give one answer.</summary>
public sealed class DisaggregatedSweepCapacityTests
{
    [Fact]
    public async Task A_sweep_rows_max_qps_at_slo_devices_and_cost_are_capacitys_for_the_same_deployment()
    {
        var spec = SweepSpecParser.Parse("""
            name: disaggregated-capacity
            hardware: [h100-sxm]
            models: [llama-3-70b]
            parallelism: { tp: [4] }
            disaggregation: [{ prefill: 1, decode: 2, decode_hardware: h200 }]
            workload: { input_tokens: [1024], output_tokens: [256] }
            slo: { ttft_p99_ms: 2000, tpot_p99_ms: 50 }
            """, "spec.yaml", Path.GetTempPath(), Shipped.Catalog);
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, 1);
        new ShardEvaluator(space).Evaluate(0, 1, batch);

        var run = await CliRun.Of("capacity", "--hardware", "h100-sxm", "--model", "llama-3-70b", "--tp", "4", "--input", "1024", "--output", "256",
            "--slo-ttft-p99-ms", "2000", "--slo-tpot-p99-ms", "50", "--disagg-prefill", "1", "--disagg-decode", "2", "--decode-hardware", "h200",
            "--target-qps", "40", "--requests", "0", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var maxQps = root.GetProperty("max_qps_at_slo").GetDouble();

        Assert.True(maxQps > 0);
        Assert.Equal(maxQps, batch.Metrics[(int)MetricColumn.MaxQpsAtSlo][0]);
        Assert.Equal(root.GetProperty("devices_per_deployment").GetDouble(), batch.Metrics[(int)MetricColumn.Devices][0]);
        Assert.Equal(root.GetProperty("decode_max_concurrency").GetDouble(), batch.Metrics[(int)MetricColumn.MaxConcurrency][0]);
        Assert.Equal(root.GetProperty("cost_per_hour").GetDouble() / root.GetProperty("deployments").GetDouble(), batch.Metrics[(int)MetricColumn.CostPerHour][0], 9);
    }
}
