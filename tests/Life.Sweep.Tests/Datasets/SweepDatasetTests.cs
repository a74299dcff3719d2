using Life.Engine;
using Life.Sweep.Datasets;
using Life.Sweep.Specs;

namespace Life.Sweep.Tests.Datasets;

/// <summary>Opening a dataset checks that it is one LifeSweep dataset; every problem is bad input naming the file.</summary>
public sealed class SweepDatasetTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("life-dataset-open-").FullName;

    [Fact]
    public void A_dataset_opens_with_its_files_schema_rows_and_the_spec_objectives()
    {
        using var data = new SyntheticDataset(rows: 1000, files: 4);
        File.WriteAllText(Path.Combine(data.Directory, "_SUCCESS"), string.Empty);
        File.WriteAllText(Path.Combine(data.Directory, "results", "part-00009.parquet.tmp"), "half-written");

        using var dataset = SweepDataset.Open(data.Directory);

        Assert.Equal(4, dataset.Files.Count);
        Assert.Equal(1000, dataset.RowCount);
        Assert.Equal("synthetic", dataset.Name);
        Assert.True(dataset.IsComplete);
        Assert.Equal(["min:tpot_ms", "max:throughput_tps"], dataset.SpecObjectives.Select(o => o.ToString()));
        Assert.Equal(SyntheticDataset.ColumnNames, dataset.Columns.Select(c => c.Name));
        Assert.Equal(
            [ColumnKind.Integer, ColumnKind.Text, ColumnKind.Integer, ColumnKind.Real, ColumnKind.Real, ColumnKind.Real, ColumnKind.Real, ColumnKind.Real, ColumnKind.Boolean, ColumnKind.Boolean, ColumnKind.Real],
            dataset.Columns.Select(c => c.Kind));
        Assert.Equal(1000L, dataset.Read("SELECT count(DISTINCT config_id) FROM results", r => r.Read() ? r.GetInt64(0) : 0));
    }

    [Fact]
    public void Without_metadata_the_spec_comes_from_sweep_json()
    {
        using var data = new SyntheticDataset(rows: 100, files: 1, withSpec: false);
        File.WriteAllText(Path.Combine(data.Directory, "sweep.json"), """{"spec_sha256": "ab", "spec": {"name": "from-json", "objectives": ["max:throughput_tps"]}}""");

        using var dataset = SweepDataset.Open(data.Directory);

        Assert.Equal("from-json", dataset.Name);
        Assert.False(dataset.IsComplete);
        Assert.Equal([new Objective(MetricColumn.ThroughputTps, true)], dataset.SpecObjectives);
    }

    [Fact]
    public void A_missing_directory_is_bad_input()
    {
        var error = Assert.Throws<EngineInputException>(() => SweepDataset.Open(Path.Combine(_temp, "nope")));

        Assert.Equal($"dataset directory '{Path.Combine(_temp, "nope")}' does not exist", error.Message);
    }

    [Fact]
    public void A_directory_without_result_files_is_not_a_dataset()
    {
        var error = Assert.Throws<EngineInputException>(() => SweepDataset.Open(_temp));

        Assert.Equal($"'{_temp}' is not a LifeSweep dataset: it has no results/*.parquet files", error.Message);
    }

    [Fact]
    public void Parquet_files_without_a_spec_are_not_a_dataset()
    {
        using var data = new SyntheticDataset(rows: 10, files: 1, withSpec: false);

        var error = Assert.Throws<EngineInputException>(() => SweepDataset.Open(data.Directory));

        Assert.Equal(
            $"'{data.Directory}' is not a LifeSweep dataset: neither sweep.json nor the life.sweep.spec metadata of {Path.Combine(data.Directory, "results", "part-00000.parquet")} describes a sweep",
            error.Message);
    }

    [Fact]
    public void A_file_of_another_sweep_is_refused()
    {
        using var data = new SyntheticDataset(rows: 100, files: 2);
        var stranger = Path.Combine(data.Directory, "results", "part-00002.parquet");
        SyntheticDataset.WriteFile(stranger, data.Rows[..3], SyntheticDataset.SpecJson, hash: "ffffffffffffffffff");

        var error = Assert.Throws<EngineInputException>(() => SweepDataset.Open(data.Directory));

        Assert.Equal(
            $"{stranger}: belongs to another sweep (spec sha256 ffffffffffff…, {Path.Combine(data.Directory, "results", "part-00000.parquet")} has 0123456789ab…)",
            error.Message);
    }

    [Fact]
    public void A_damaged_result_file_is_bad_input_naming_it()
    {
        using var data = new SyntheticDataset(rows: 100, files: 2);
        var damaged = Path.Combine(data.Directory, "results", "part-00001.parquet");
        File.WriteAllBytes(damaged, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);

        var error = Assert.Throws<EngineInputException>(() => SweepDataset.Open(data.Directory));

        Assert.Contains(damaged, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Malformed_objectives_in_the_spec_are_bad_input()
    {
        using var data = new SyntheticDataset(rows: 10, files: 1, withSpec: false);
        File.WriteAllText(Path.Combine(data.Directory, "sweep.json"), """{"spec": {"objectives": ["fastest"]}}""");

        var error = Assert.Throws<EngineInputException>(() => SweepDataset.Open(data.Directory));

        Assert.Equal($"{Path.Combine(data.Directory, "sweep.json")}: objectives[0] 'fastest' is not min:METRIC or max:METRIC", error.Message);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
