using Life.Engine;
using Life.Sweep.Datasets;
using Life.Sweep.Pareto;
using Life.Sweep.Specs;
using Life.Sweep.Tests.Datasets;
using Parquet;

namespace Life.Sweep.Tests.Pareto;

/// <summary>The front of a dataset equals a brute-force front of the same rows, whatever the objectives and filter.</summary>
public sealed class DatasetParetoTests : IDisposable
{
    private readonly SyntheticDataset _data = new();

    public static TheoryData<string, string?, bool> Queries => new()
    {
        { "min:tpot_ms,max:throughput_tps", null, true },
        { "min:tpot_ms,max:throughput_tps", null, false },
        { "min:cost_per_mtok,min:tpot_ms,max:throughput_tps", null, true },
        { "min:ttft_ms", null, true },
        { "min:memory_gb,min:ttft_ms,min:tpot_ms,max:throughput_tps", "fits", false },
        { "min:tpot_ms,min:cost_per_mtok", "hardware = 'h100-sxm' AND batch >= 8", true },
        { "max:throughput_tps,min:cost_per_mtok", "NOT (cost_per_mtok < 0.5) OR weight_bits = 4.5", false },
        { "min:tpot_ms", "ttft_ms < 0", true },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_front_equals_a_brute_force_front_of_the_selected_rows(string objectiveList, string? where, bool constrainedOnly)
    {
        var objectives = objectiveList.Split(',').Select(o => Objective.TryParse(o)!.Value).ToArray();
        using var dataset = SweepDataset.Open(_data.Directory);

        var result = DatasetPareto.Compute(dataset, objectives, where, constrainedOnly);

        var eligible = _data.Rows.Where(r => !constrainedOnly || r.MeetsConstraints).ToArray();
        var matched = where is null ? eligible : eligible.Where(Predicate(where)).ToArray();
        var names = objectives.Select(o => MetricColumns.Name(o.Column)).ToArray();
        var candidates = matched.Where(r => names.All(n => r.Metric(n) is not null)).ToArray();
        var expected = candidates
            .Where(p => !candidates.Any(q => Dominates(q, p, objectives)))
            .Select(p => p.ConfigId)
            .Order()
            .ToArray();

        Assert.Equal(where == "ttft_ms < 0", expected.Length == 0);
        Assert.Equal(_data.Rows.Length, result.Rows);
        Assert.Equal(eligible.Length, result.RowsEligible);
        Assert.Equal(matched.Length, result.RowsMatched);
        Assert.Equal(matched.Length - candidates.Length, result.RowsMissingObjective);
        Assert.Equal(names.Select(n => (long)matched.Count(r => r.Metric(n) is null)), result.MissingByObjective);
        Assert.Equal(expected, Enumerable.Range(0, result.Front.Count).Select(i => result.Front["config_id"].GetInt64(i)));
        AssertWholeRows(result.Front);
    }

    [Fact]
    public async Task Front_rows_written_to_parquet_read_back_with_the_dataset_schema_and_metadata()
    {
        using var dataset = SweepDataset.Open(_data.Directory);
        var result = DatasetPareto.Compute(dataset, dataset.SpecObjectives);
        var path = Path.Combine(_data.Directory, "front.parquet");

        var ids = Enumerable.Range(0, result.Front.Count).Select(result.Front["config_id"].GetInt64).ToArray();

        DatasetPareto.WriteRows(dataset, ids, path, dataset.SweepMetadata);

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(SyntheticDataset.ColumnNames, reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(SyntheticDataset.SpecJson, reader.CustomMetadata["life.sweep.spec"]);
        Assert.Equal(result.Front.Count, reader.RowGroups.Sum(g => g.RowCount));
        Assert.DoesNotContain(Directory.EnumerateFiles(_data.Directory), f => Path.GetFileName(f).StartsWith("front.parquet.", StringComparison.Ordinal));
        var read = new long?[result.Front.Count];
        using var group = reader.OpenRowGroupReader(0);
        await group.ReadAsync(reader.Schema.DataFields[0], read.AsMemory());
        Assert.Equal(ids, read.Select(id => id!.Value));
    }

    [Fact]
    public void A_filter_duckdb_rejects_is_a_query_error_with_its_message_on_one_line()
    {
        using var dataset = SweepDataset.Open(_data.Directory);

        var unknown = Assert.Throws<DatasetQueryException>(() => DatasetPareto.Compute(dataset, dataset.SpecObjectives, "ttft < 5"));
        var syntax = Assert.Throws<DatasetQueryException>(() => DatasetPareto.Compute(dataset, dataset.SpecObjectives, "(fits"));

        Assert.Contains("ttft", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Binder Error", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Parser Error", syntax.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', unknown.Message + syntax.Message);
    }

    [Fact]
    public void Objectives_that_repeat_a_metric_or_name_no_column_are_bad_input()
    {
        using var dataset = SweepDataset.Open(_data.Directory);

        var twice = Assert.Throws<EngineInputException>(() => DatasetPareto.Compute(dataset, [Objective.TryParse("min:tpot_ms")!.Value, Objective.TryParse("max:tpot_ms")!.Value]));
        var missing = Assert.Throws<EngineInputException>(() => DatasetPareto.Compute(dataset, [Objective.TryParse("min:energy_j_per_token")!.Value]));
        var none = Assert.Throws<EngineInputException>(() => DatasetPareto.Compute(dataset, []));

        Assert.Equal("objective 'max:tpot_ms' names tpot_ms a second time", twice.Message);
        Assert.Equal("objective 'min:energy_j_per_token': the dataset has no numeric column 'energy_j_per_token'", missing.Message);
        Assert.Equal("no objectives: give at least one, such as min:tpot_ms", none.Message);
    }

    public void Dispose() => _data.Dispose();

    private static bool Dominates(SyntheticDataset.Row q, SyntheticDataset.Row p, Objective[] objectives)
    {
        var better = false;
        foreach (var objective in objectives)
        {
            var name = MetricColumns.Name(objective.Column);
            var a = ParetoFront.Minimized(q.Metric(name)!.Value, objective);
            var b = ParetoFront.Minimized(p.Metric(name)!.Value, objective);
            if (a > b)
            {
                return false;
            }

            better |= a < b;
        }

        return better;
    }

    /// <summary>The same conditions as the Queries' filters, in C# with SQL null semantics.</summary>
    private static Func<SyntheticDataset.Row, bool> Predicate(string where) => where switch
    {
        "fits" => r => r.Fits,
        "hardware = 'h100-sxm' AND batch >= 8" => r => r.Hardware == "h100-sxm" && r.Batch >= 8,
        "NOT (cost_per_mtok < 0.5) OR weight_bits = 4.5" => r => (r.Cost is { } c && !(c < 0.5)) || r.WeightBits == 4.5,
        "ttft_ms < 0" => r => r.TtftMs < 0,
        _ => throw new ArgumentException(where),
    };

    private void AssertWholeRows(RowSet front)
    {
        for (var i = 0; i < front.Count; i++)
        {
            var row = _data.Rows[front["config_id"].GetInt64(i)];
            Assert.Equal(row.Hardware, front["hardware"].GetString(i));
            Assert.Equal(row.Batch, front["batch"].GetInt64(i));
            Assert.Equal(row.WeightBits, front["weight_bits"].GetDouble(i));
            Assert.Equal(row.TpotMs, front["tpot_ms"].GetDouble(i));
            Assert.Equal(row.Fits, front["fits"].GetBoolean(i));
            Assert.Equal(row.Cost is null, front["cost_per_mtok"].IsNull(i));
            Assert.Equal(row.Cost ?? 0, front["cost_per_mtok"].IsNull(i) ? 0 : front["cost_per_mtok"].GetDouble(i));
        }
    }
}
