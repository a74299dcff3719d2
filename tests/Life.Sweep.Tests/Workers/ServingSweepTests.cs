using DuckDB.NET.Data;
using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

/// <summary>
/// A qps dimension and an slo add the serving columns (docs/serving.md): each row's are the
/// steady-state model's on the row's replica, rows keep their static-batch columns, and the
/// columns are null where the replica cannot run or the rate saturates it.
/// </summary>
public sealed class ServingSweepTests
{
    private const string Spec = """
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
        """;

    private static readonly SweepSpec Parsed = SpecText.Parse(Spec);

    [Fact]
    public void Each_rows_serving_columns_are_the_steady_state_models_at_its_rate_and_its_static_columns_are_unchanged()
    {
        var (space, batch) = WholeSweep.Evaluate(Parsed);
        var withoutQps = SpecText.Parse(Spec.Replace("      qps: [1, 5, 1000]\n", string.Empty, StringComparison.Ordinal)
            .Replace("constraints: { max_p99_ttft_ms: 500 }", "constraints: { fits: true }", StringComparison.Ordinal)
            .Replace(", min:p99_tpot_ms", string.Empty, StringComparison.Ordinal));
        var (staticSpace, staticBatch) = WholeSweep.Evaluate(withoutQps);
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var hardware = Shipped.Catalog.ResolveHardware("h100-sxm");
        var cost = new StepCost(table, hardware, Deployment.Single);
        var capacity = KvCapacity.Of(table, hardware, Deployment.Single, new Workload(1, 512, 128)).MaxConcurrency;
        var expectedMaxQps = CapacitySearch.MaxQps(cost, 512, 128, SchedulerConfig.Default, capacity, 500, 50);
        Assert.True(expectedMaxQps > 1, "an H100 serves Llama-3-8B well past 1 request/s within these SLOs");

        var qpsColumn = space.IndexOf(DimensionKeys.Qps);
        var tpColumn = space.IndexOf(DimensionKeys.Tp);
        int saturated = 0, served = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            var qps = batch.Reals[qpsColumn][row];
            var tp = batch.Integers[tpColumn][row];
            var p99Ttft = batch.Metrics[(int)MetricColumn.P99TtftMs][row];

            // Static-batch columns as in the same sweep without a qps (rows of the batch and tp they share).
            var staticRow = FindRow(staticSpace, staticBatch, tp, batch.Integers[space.IndexOf(DimensionKeys.Batch)][row]);
            Assert.Equal(staticBatch.Metrics[(int)MetricColumn.TpotMs][staticRow], batch.Metrics[(int)MetricColumn.TpotMs][row]);
            if (tp == 3)
            {
                // 32 heads do not split over 3 devices: nothing to serve, every serving column null.
                Assert.False(batch.SaturatedPresent![row]);
                Assert.False(batch.Present[(int)MetricColumn.P99TtftMs][row]);
                Assert.False(batch.Present[(int)MetricColumn.MaxQpsAtSlo][row]);
                Assert.False(batch.MeetsConstraints[row]);
                continue;
            }

            var expected = SteadyStateServing.Evaluate(cost, new ServingWorkload(qps, 512, 128), SchedulerConfig.Default, capacity);
            Assert.True(batch.SaturatedPresent![row]);
            Assert.Equal(expected.Saturated, batch.Saturated![row]);
            Assert.Equal(capacity, batch.Metrics[(int)MetricColumn.MaxConcurrency][row]);
            Assert.Equal(expectedMaxQps, batch.Metrics[(int)MetricColumn.MaxQpsAtSlo][row]);
            if (expected.Saturated)
            {
                saturated++;
                Assert.False(batch.Present[(int)MetricColumn.P99TtftMs][row]);
                Assert.False(batch.MeetsConstraints[row]);
                continue;
            }

            served++;
            Assert.Equal(expected.TtftP50Ms, batch.Metrics[(int)MetricColumn.P50TtftMs][row]);
            Assert.Equal(expected.TtftP99Ms, p99Ttft);
            Assert.Equal(expected.TpotP50Ms, batch.Metrics[(int)MetricColumn.P50TpotMs][row]);
            Assert.Equal(expected.TpotP99Ms, batch.Metrics[(int)MetricColumn.P99TpotMs][row]);
            Assert.Equal(p99Ttft <= 500, batch.MeetsConstraints[row]);

            // A rate within the capacity the slo search found meets the slo on the same model.
            if (qps <= expectedMaxQps)
            {
                Assert.True(p99Ttft <= 500 && batch.Metrics[(int)MetricColumn.P99TpotMs][row] <= 50);
            }
        }

        Assert.Equal(2, saturated);
        Assert.Equal(4, served);
    }

    [Fact]
    public void The_serving_columns_read_back_through_duckdb_with_nulls_where_a_replica_cannot_run()
    {
        var (space, batch) = WholeSweep.Evaluate(Parsed);
        var writer = new ResultFileWriter(Parsed);
        var temp = Directory.CreateTempSubdirectory("life-serving-sweep-").FullName;
        try
        {
            var path = Path.Combine(temp, "part-00000.parquet");
            writer.Write(batch, path);
            Assert.Equal(
                ["max_concurrency", "p50_ttft_ms", "p99_ttft_ms", "p50_tpot_ms", "p99_tpot_ms", "saturated", "max_qps_at_slo"],
                writer.Schema.ColumnNames.TakeLast(7));
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT tp, count(*) FILTER (WHERE saturated IS NULL), count(*) FILTER (WHERE saturated),
                       count(*) FILTER (WHERE p99_ttft_ms IS NULL), count(max_qps_at_slo), min(qps)
                FROM read_parquet('{path}') GROUP BY tp ORDER BY tp
                """;
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal((1, 0L, 2L, 2L, 6L, 1.0), (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5)));
            Assert.True(reader.Read());
            Assert.Equal((3, 6L, 0L, 6L, 0L), (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void A_sweep_without_qps_or_slo_has_no_serving_columns()
    {
        var spec = SpecText.Parse(SpecText.Small);
        var names = new ResultFileWriter(spec).Schema.ColumnNames;
        Assert.Equal("energy_j_per_output_token", names[^1]);
        Assert.DoesNotContain("max_concurrency", names);
    }

    [Theory]
    [InlineData("objectives: [min:tpot_ms, max:throughput_tps]", "objectives: [max:max_qps_at_slo]", "max_qps_at_slo needs an slo")]
    [InlineData("constraints: { fits: true, max_ttft_ms: 2000 }", "constraints: { max_p99_ttft_ms: 500 }", "p99_ttft_ms needs a workload.qps dimension")]
    [InlineData("objectives: [min:tpot_ms, max:throughput_tps]", "slo: { ttft_p99: 500 }", "slo.ttft_p99: unknown key")]
    [InlineData("objectives: [min:tpot_ms, max:throughput_tps]", "slo: { ttft_p99_ms: -1 }", "slo.ttft_p99_ms")]
    public void A_serving_column_the_sweep_does_not_make_is_bad_input(string line, string replacement, string message)
    {
        var yaml = SpecText.Small.Replace(line, replacement, StringComparison.Ordinal);
        var e = Assert.Throws<SpecException>(() => SpecText.Parse(yaml));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_canonical_form_keeps_parallelism_qps_slo_and_scheduler_and_parses_back_to_the_same_hash()
    {
        var spec = SpecText.Parse(Spec + "\nscheduler: { max_num_seqs: 128 }\n");
        var again = SweepSpecParser.Parse(spec.CanonicalJson, "sweep.json", Path.GetTempPath(), Shipped.Catalog);

        Assert.Equal(spec.Hash, again.Hash);
        Assert.Equal(2, again.Find(DimensionKeys.Tp)!.Count);
        Assert.Equal(3, again.Find(DimensionKeys.Qps)!.Count);
        Assert.Equal(new ServingSlo(500, 50), again.Slo);
        Assert.Equal(128, again.Scheduler.MaxNumSeqs);
        Assert.NotEqual(Parsed.Hash, spec.Hash);
    }

    [Fact]
    public void A_speculative_row_is_timed_with_its_k_alpha_and_draft_cost_in_both_its_static_and_serving_columns()
    {
        var spec = SpecText.Parse("""
            name: speculative
            hardware: [h100-sxm]
            models: [llama-3-8b]
            speculative: { spec_k: [0, 4], spec_alpha: [0.8], draft_cost: [0.05] }
            workload: { batch: [8], input_tokens: [512], output_tokens: [128], qps: [4] }
            """);
        var (space, batch) = WholeSweep.Evaluate(spec);
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var hardware = Shipped.Catalog.ResolveHardware("h100-sxm");
        var plain = Evaluator.Evaluate(table, hardware, new Workload(8, 512, 128));
        var speculative = new SpeculativeDecoding(4, 0.8, 0.05);
        var expected = SpeculativeMetrics.Apply(plain, new StepCost(table, hardware, Deployment.Single), speculative, 8, 512, 128);
        var capacity = plain.MaxConcurrency;
        var k = space.IndexOf(DimensionKeys.SpecK);

        Assert.Equal([0, 4], batch.Integers[k].Take(2));
        Assert.Equal(plain.TpotMs, batch.Metrics[(int)MetricColumn.TpotMs][0]);
        Assert.Equal(expected.TpotMs, batch.Metrics[(int)MetricColumn.TpotMs][1]);
        Assert.True(expected.TpotMs < plain.TpotMs);
        var serving = SteadyStateServing.Evaluate(new StepCost(table, hardware, Deployment.Single, speculative), new ServingWorkload(4, 512, 128), SchedulerConfig.Default, capacity);
        Assert.Equal(serving.TpotP50Ms, batch.Metrics[(int)MetricColumn.P50TpotMs][1]);
        Assert.True(batch.Metrics[(int)MetricColumn.P50TpotMs][1] < batch.Metrics[(int)MetricColumn.P50TpotMs][0]);
        Assert.Equal(spec.Hash, SweepSpecParser.Parse(spec.CanonicalJson, "sweep.json", Path.GetTempPath(), Shipped.Catalog).Hash);
    }

    [Fact]
    public void Without_speculation_every_acceptance_rate_and_draft_cost_is_one_configuration_so_only_the_first_is_canonical()
    {
        var spec = SpecText.Parse("""
            name: speculative-equivalence
            hardware: [h100-sxm]
            models: [llama-3-8b]
            speculative: { spec_k: [0, 3], spec_alpha: [0.6, 0.8], draft_cost: [0.05, 0.1] }
            workload: { input_tokens: [512], output_tokens: [128] }
            """);
        var (_, batch) = WholeSweep.Evaluate(spec);

        // Rows in order (k, α, draft): k = 0 rows 0-3, only (0.6, 0.05) canonical; all four k = 3 rows are distinct.
        Assert.Equal([true, false, false, false, true, true, true, true], batch.Canonical.Take(8));
        Assert.Equal(batch.Metrics[(int)MetricColumn.TpotMs][0], batch.Metrics[(int)MetricColumn.TpotMs][3]);
        Assert.NotEqual(batch.Metrics[(int)MetricColumn.TpotMs][4], batch.Metrics[(int)MetricColumn.TpotMs][7]);
    }

    private static int FindRow(SweepSpace space, ResultBatch batch, int tp, int size)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            if (batch.Integers[space.IndexOf(DimensionKeys.Tp)][row] == tp && batch.Integers[space.IndexOf(DimensionKeys.Batch)][row] == size)
            {
                return row;
            }
        }

        throw new InvalidOperationException("row not found");
    }
}
