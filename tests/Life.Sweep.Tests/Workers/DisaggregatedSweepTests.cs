using DuckDB.NET.Data;
using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

/// <summary>
/// A <c>disaggregation:</c> list of xPyD pool shapes (docs/serving.md): each row's serving columns
/// are the disaggregated steady-state model's for its deployment, the shape and what it rents are
/// columns, and a spec without the key is the sweep it was.
/// </summary>
public sealed class DisaggregatedSweepTests
{
    private const string Spec = """
        name: disaggregated
        hardware: [h100-sxm]
        models: [llama-3-70b]
        parallelism: { tp: [8] }
        disaggregation:
          - none
          - { prefill: 1, decode: 1 }
          - { prefill: 1, decode: 3, decode_hardware: h200 }
        workload: { batch: [1], input_tokens: [1024], output_tokens: [256], qps: [0.01, 4] }
        slo: { ttft_p99_ms: 2000, tpot_p99_ms: 50 }
        objectives: [max:max_qps_at_slo, min:cost_per_hour]
        """;

    private static readonly SweepSpec Parsed = SpecText.Parse(Spec);

    [Fact]
    public void A_spec_without_the_key_keeps_its_columns()
    {
        // The columns of this spec before disaggregation existed (the code at 1be32cb). Its hash moved
        // when the canonical form began to carry every device's node topology (CanonicalHardwareTests).
        var spec = SpecText.Parse("""
            name: serving
            hardware: [h100-sxm]
            models: [llama-3-8b]
            parallelism:
              tp: [1, 3]
            workload:
              batch: [1, 64]
              input_tokens: [512]
              output_tokens: [128]
              qps: [1, 5, 1000]
            slo: { ttft_p99_ms: 500, tpot_p99_ms: 50 }
            constraints: { max_p99_ttft_ms: 500 }
            objectives: [max:max_qps_at_slo, min:p99_tpot_ms]
            """);

        Assert.Equal(
            "config_id,hardware,model,tp,batch,input_tokens,output_tokens,qps,ttft_ms,tpot_ms,e2e_ms,per_user_tps,throughput_tps,output_tps,memory_gb,fits,meets_constraints,canonical,"
            + "cost_per_mtok,energy_j_per_token,cost_per_m_output_tokens,energy_j_per_output_token,max_concurrency,p50_ttft_ms,p99_ttft_ms,p50_tpot_ms,p99_tpot_ms,saturated,max_qps_at_slo",
            string.Join(",", new ResultSchema(spec).ColumnNames));
        Assert.Null(spec.Disaggregation);
    }

    [Fact]
    public void A_1p1d_rows_ttft_at_a_low_rate_is_the_prompts_prefill_plus_the_kv_transfer_by_hand()
    {
        var (space, batch) = WholeSweep.Evaluate(Parsed);
        var row = Row(space, batch, "1p1d", 0.01);

        // Llama-3-70B: 80 layers × 8 KV heads × 128 × 2 (K and V) × 2 B = 327,680 B per token; × 1024
        // tokens over 8 devices = 41,943,040 B each, over DGX H100's 50 GB/s per GPU + 5 µs: 0.8438608 ms.
        var transferMs = ((41943040 / 50e9) + 5e-6) * 1e3;

        // At 0.01 requests/s the prefill replica is idle (ρ ≈ 1e-3, no wait at the median): the TTFT is
        // the prompt alone, which is the static row's TTFT at batch 1 (one 1024-token prefill on tp 8), plus the transfer.
        var staticTtft = batch.Metrics[(int)MetricColumn.TtftMs][row];
        Assert.Equal(staticTtft + transferMs, batch.Metrics[(int)MetricColumn.P50TtftMs][row], 1e-6 * staticTtft);

        // The colocated row at the same rate has no transfer, and its static columns are the same row's.
        var colocated = Row(space, batch, "none", 0.01);
        Assert.Equal(staticTtft, batch.Metrics[(int)MetricColumn.TtftMs][colocated]);
        Assert.True(batch.Metrics[(int)MetricColumn.P50TtftMs][colocated] < batch.Metrics[(int)MetricColumn.P50TtftMs][row]);
    }

    [Fact]
    public void Each_rows_serving_columns_are_the_disaggregated_pools_and_devices_and_cost_count_both_pools()
    {
        var (space, batch) = WholeSweep.Evaluate(Parsed);
        var model = Shipped.Catalog.ResolveModel("llama-3-70b");
        var table = OperatorTable.Build(model, new Optimizations(), Shipped.Defaults);
        var h100 = Shipped.Catalog.ResolveHardware("h100-sxm");
        var h200 = Shipped.Catalog.ResolveHardware("h200");
        var deployment = Deployment.For(new ParallelPlan(8, 1, 1));
        var decodeCapacity = KvCapacity.Of(table, h200, deployment, new Workload(1, 1024, 256)).MaxConcurrency;
        var decodeCost = new StepCost(table, h200, deployment);
        var transfer = DisaggregatedServing.TransferSeconds(KvCapacity.SequenceBytesPerDevice(table, deployment, 1024), h100, h200);
        var pools = new DisaggregatedPools(1, new StepCost(table, h100, deployment), 3, decodeCost, decodeCapacity, transfer, 1024, 256, SchedulerConfig.Default);
        var expected = pools.At(4);
        var expectedMax = CapacitySearch.MaxQps(pools, CapacitySearch.OneAtATime(decodeCost, 1024, 256) * 3, 2000, 50);

        var row = Row(space, batch, "1p3d-h200", 4);
        Assert.Equal(expected.TtftP99Ms, batch.Metrics[(int)MetricColumn.P99TtftMs][row]);
        Assert.Equal(expected.TpotP50Ms, batch.Metrics[(int)MetricColumn.P50TpotMs][row]);
        Assert.Equal(expectedMax, batch.Metrics[(int)MetricColumn.MaxQpsAtSlo][row]);
        Assert.Equal(decodeCapacity, batch.Metrics[(int)MetricColumn.MaxConcurrency][row]);
        Assert.Equal(32, batch.Metrics[(int)MetricColumn.Devices][row]);
        Assert.Equal((8 * h100.HourlyCostUsd) + (24 * h200.HourlyCostUsd), batch.Metrics[(int)MetricColumn.CostPerHour][row], 9);

        var colocated = Row(space, batch, "none", 4);
        Assert.Equal(8, batch.Metrics[(int)MetricColumn.Devices][colocated]);
        Assert.Equal(8 * 2.95, batch.Metrics[(int)MetricColumn.CostPerHour][colocated], 9);
        var oneEach = Row(space, batch, "1p1d", 4);
        Assert.Equal(16 * 2.95, batch.Metrics[(int)MetricColumn.CostPerHour][oneEach], 9);
    }

    [Fact]
    public void The_shape_columns_read_back_through_duckdb()
    {
        var (_, batch) = WholeSweep.Evaluate(Parsed);
        var writer = new ResultFileWriter(Parsed);
        var temp = Directory.CreateTempSubdirectory("life-disagg-sweep-").FullName;
        try
        {
            var path = Path.Combine(temp, "part-00000.parquet");
            writer.Write(batch, path);
            Assert.Equal(["max_qps_at_slo", "prefill_replicas", "decode_replicas", "decode_hardware", "devices", "cost_per_hour"], writer.Schema.ColumnNames.TakeLast(6));
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT disaggregation, prefill_replicas, decode_replicas, decode_hardware, devices, count(*)
                FROM read_parquet('{path}') GROUP BY ALL ORDER BY devices
                """;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add($"{reader.GetString(0)} {reader.GetInt32(1)} {reader.GetInt32(2)} {reader.GetString(3)} {reader.GetDouble(4)} {reader.GetInt64(5)}");
            }

            Assert.Equal(["none 0 0 h100-sxm 8 2", "1p1d 1 1 h100-sxm 16 2", "1p3d-h200 1 3 h200 32 2"], rows);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void The_canonical_form_keeps_the_pool_shapes_and_the_links_and_parses_back_to_the_same_rows()
    {
        var again = SweepSpecParser.Parse(Parsed.CanonicalJson, "sweep.json", Path.GetTempPath(), Shipped.Catalog);

        Assert.Equal(Parsed.Hash, again.Hash);
        Assert.Equal(Parsed.Disaggregation, again.Disaggregation);
        Assert.Contains("\"inter_node_gbs\"", Parsed.CanonicalJson, StringComparison.Ordinal);
        var (_, first) = WholeSweep.Evaluate(Parsed);
        var (_, second) = WholeSweep.Evaluate(again);
        Assert.Equal(first.Metrics[(int)MetricColumn.P99TtftMs].Take(first.Count), second.Metrics[(int)MetricColumn.P99TtftMs].Take(second.Count));
        Assert.Equal(first.Metrics[(int)MetricColumn.CostPerHour].Take(first.Count), second.Metrics[(int)MetricColumn.CostPerHour].Take(second.Count));
    }

    [Fact]
    public void A_shape_naming_the_rows_own_hardware_for_decode_is_the_shape_that_names_none()
    {
        var spec = SpecText.Parse(Spec.Replace("{ prefill: 1, decode: 3, decode_hardware: h200 }", "{ prefill: 1, decode: 1, decode_hardware: h100-sxm }", StringComparison.Ordinal));
        var (space, batch) = WholeSweep.Evaluate(spec);
        var plain = Row(space, batch, "1p1d", 4);
        var named = Row(space, batch, "1p1d-h100-sxm", 4);

        Assert.True(batch.Canonical[plain]);
        Assert.False(batch.Canonical[named]);
        Assert.Equal(batch.Metrics[(int)MetricColumn.P99TtftMs][plain], batch.Metrics[(int)MetricColumn.P99TtftMs][named]);
    }

    [Fact]
    public void In_a_decode_bound_sweep_more_decode_replicas_never_lower_max_qps_at_slo()
    {
        var spec = SpecText.Parse("""
            name: decode-bound
            hardware: [h100-sxm, a100-80gb]
            models: [llama-3-8b]
            disaggregation: [{ prefill: 8, decode: 1 }, { prefill: 8, decode: 2 }, { prefill: 8, decode: 3 }, { prefill: 8, decode: 5 }]
            workload: { input_tokens: [256, 1024], output_tokens: [512] }
            slo: { tpot_p99_ms: 30 }
            """);
        var (space, batch) = WholeSweep.Evaluate(spec);
        var shapes = space.IndexOf(DimensionKeys.Disaggregation);

        // The shape digit's stride is the product of the radices inside it: each row's twin one shape earlier.
        var perShape = 1;
        for (var d = shapes + 1; d < space.DimensionCount; d++)
        {
            perShape *= space.Radices[d];
        }

        for (var row = 0; row < batch.Count; row++)
        {
            var shape = batch.Indices[shapes][row];
            var qps = batch.Metrics[(int)MetricColumn.MaxQpsAtSlo][row];
            Assert.True(qps > 0);
            if (shape > 0)
            {
                Assert.True(qps >= batch.Metrics[(int)MetricColumn.MaxQpsAtSlo][row - perShape], $"row {row}");
            }
        }
    }

    [Fact]
    public void A_deployment_whose_model_does_not_fit_the_decode_hardware_has_null_serving_columns_but_its_devices_and_cost()
    {
        // 70B at tp 8 is 17.6 GB of weights per device: more than a 12 GB RTX 3060 holds.
        var spec = SpecText.Parse(Spec.Replace("decode_hardware: h200", "decode_hardware: rtx-3060", StringComparison.Ordinal));
        var (space, batch) = WholeSweep.Evaluate(spec);
        var row = Row(space, batch, "1p3d-rtx-3060", 4);

        Assert.True(batch.Fits[row]);
        Assert.False(batch.Present[(int)MetricColumn.P99TtftMs][row]);
        Assert.False(batch.Present[(int)MetricColumn.MaxQpsAtSlo][row]);
        Assert.False(batch.SaturatedPresent![row]);
        Assert.Equal(32, batch.Metrics[(int)MetricColumn.Devices][row]);
        Assert.True(batch.Present[(int)MetricColumn.P99TtftMs][Row(space, batch, "1p1d", 4)]);
    }

    [Theory]
    [InlineData("  - none\n", "  - nonsense\n", "disaggregation[0]: expected none or a mapping")]
    [InlineData("{ prefill: 1, decode: 1 }", "{ prefill: 1, decode: 0 }", "disaggregation[1].decode: 0 must be at least 1")]
    [InlineData("{ prefill: 1, decode: 1 }", "{ prefill: 1 }", "disaggregation[1]: give both prefill and decode")]
    [InlineData("{ prefill: 1, decode: 1 }", "{ prefill: 1, decode: 1, pools: 2 }", "disaggregation[1].pools: unknown key")]
    [InlineData("{ prefill: 1, decode: 1 }", "{ prefill: 1, decode: 3, decode_hardware: h200 }", "1p3d-h200 appears twice")]
    [InlineData("decode_hardware: h200", "decode_hardware: no-such-gpu", "disaggregation[2].decode_hardware:")]
    public void A_bad_pool_shape_is_bad_input(string text, string replacement, string message)
    {
        var e = Assert.Throws<SpecException>(() => SpecText.Parse(Spec.Replace(text, replacement, StringComparison.Ordinal)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disaggregation_without_a_rate_or_an_slo_and_cost_per_hour_without_disaggregation_are_bad_input()
    {
        var noServing = Assert.Throws<SpecException>(() => SpecText.Parse(SpecText.Small + "\ndisaggregation: [none]\n"));
        Assert.Contains("disaggregation: changes only the serving columns", noServing.Message, StringComparison.Ordinal);
        var noShapes = Assert.Throws<SpecException>(() => SpecText.Parse(SpecText.Small.Replace("max:throughput_tps", "min:cost_per_hour", StringComparison.Ordinal)));
        Assert.Contains("cost_per_hour is a column of sweeps with a disaggregation: list", noShapes.Message, StringComparison.Ordinal);
    }

    private static int Row(SweepSpace space, ResultBatch batch, string shape, double qps)
    {
        var shapes = space.IndexOf(DimensionKeys.Disaggregation);
        var rates = space.IndexOf(DimensionKeys.Qps);
        var index = Array.IndexOf(space.Spec.Dimensions[shapes].Texts, shape);
        for (var row = 0; row < batch.Count; row++)
        {
            if (batch.Indices[shapes][row] == index && batch.Reals[rates][row] == qps)
            {
                return row;
            }
        }

        throw new InvalidOperationException("row not found");
    }
}
