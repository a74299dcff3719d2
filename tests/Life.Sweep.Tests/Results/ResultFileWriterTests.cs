using DuckDB.NET.Data;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;
using Parquet;

namespace Life.Sweep.Tests.Results;

/// <summary>
/// Shard files written with Parquet.Net read back equal, by value, through DuckDB.NET and through
/// Parquet.Net's reader; and carry what the dataset contract promises (one row group, Snappy,
/// dictionary-encoded text, statistics, the spec) byte-identically from run to run.
/// </summary>
public sealed class ResultFileWriterTests : IDisposable
{
    private const string Yaml = """
        name: writer
        hardware: [h100-sxm, {id: mystery-npu, fp16_tflops: 60, bandwidth_gbs: 250, memory_gb: 48}]
        models: [llama-2-7b, mistral-7b]
        optimizations: {weight_bits: [16, 4.5], fusion: [eager, flash], lora_rank: [0, 16]}
        workload: {batch: [1, 8, 64], input_tokens: [128, 2048], output_tokens: [64]}
        constraints: {fits: true, max_ttft_ms: 2000}
        objectives: [min:tpot_ms, max:throughput_tps]
        shard_size: 1000
        """;

    private readonly string _temp = Directory.CreateTempSubdirectory("life-writer-tests-").FullName;
    private readonly SweepSpec _spec = SpecText.Parse(Yaml);
    private readonly ResultBatch _batch;
    private readonly ResultFileWriter _writer;

    public ResultFileWriterTests()
    {
        var space = new SweepSpace(_spec);
        _batch = new ResultBatch(_spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, _batch);
        _writer = new ResultFileWriter(_spec);
    }

    [Fact]
    public void Every_column_reads_back_through_duckdb_equal_to_the_batch()
    {
        var path = Write("part-00000.parquet");

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{path}') ORDER BY config_id";
        using var reader = command.ExecuteReader();

        Assert.Equal(_writer.Schema.ColumnNames, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var row = 0;
        var nulls = 0;
        while (reader.Read())
        {
            var expected = ExpectedRow(row);
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.Equal(expected[c], reader.IsDBNull(c) ? null : reader.GetValue(c));
                nulls += expected[c] is null ? 1 : 0;
            }

            row++;
        }

        Assert.Equal(_batch.Count, row);
        Assert.True(nulls > 0, "the spec has hardware without a price, so some cost and energy values are null");
    }

    [Fact]
    public async Task Every_column_reads_back_through_parquet_net_equal_to_the_batch()
    {
        var path = Write("part-00000.parquet");

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.DataFields;
        Assert.Equal(_writer.Schema.ColumnNames, fields.Select(f => f.Name));
        var columns = new List<object?[]>();
        foreach (var field in fields)
        {
            columns.Add(await ReadColumn(group, field, _batch.Count));
        }

        for (var row = 0; row < _batch.Count; row++)
        {
            Assert.Equal(ExpectedRow(row), columns.Select(c => c[row]));
        }

        Assert.Equal([false, false], fields.Select(f => f.IsNullable).Take(2));
        Assert.Equal([true, true], fields.Select(f => f.IsNullable).TakeLast(2));
    }

    [Fact]
    public void The_file_has_one_snappy_row_group_dictionary_encoded_text_and_statistics()
    {
        var path = Write("part-00000.parquet");

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT row_group_id, path_in_schema, compression, encodings, stats_min, stats_max, stats_null_count, num_values FROM parquet_metadata('{path}')";
        using var reader = command.ExecuteReader();
        var chunks = new List<(long Group, string Column, string Codec, string Encodings, bool HasMinMax, long? Nulls, long Values)>();
        while (reader.Read())
        {
            chunks.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                !reader.IsDBNull(4) && !reader.IsDBNull(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetInt64(7)));
        }

        Assert.Equal(_writer.Schema.ColumnNames, chunks.Select(c => c.Column));
        Assert.All(chunks, c =>
        {
            Assert.Equal(0, c.Group);
            Assert.Equal("SNAPPY", c.Codec);
            // Parquet.Net writes min/max for every type but BOOLEAN (null counts for all).
            Assert.Equal(c.Column is not ("fits" or "meets_constraints" or "canonical"), c.HasMinMax);
            Assert.NotNull(c.Nulls);
            Assert.Equal(_batch.Count, c.Values);
        });
        Assert.All(chunks.Where(c => _writer.Schema.TextColumns.Contains(c.Column)), c => Assert.Contains("DICTIONARY", c.Encodings, StringComparison.Ordinal));
        Assert.Equal(["hardware", "model", "fusion"], _writer.Schema.TextColumns);
        Assert.Equal(_batch.Present[(int)MetricColumn.CostPerMTok].Count(p => !p), chunks.Single(c => c.Column == "cost_per_mtok").Nulls);
    }

    [Fact]
    public async Task The_same_rows_give_the_same_bytes_and_the_returned_checksum_is_the_files()
    {
        var first = Write("a.parquet");
        var (length, sha256) = _writer.Write(_batch, Path.Combine(_temp, "b.parquet"));

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(Path.Combine(_temp, "b.parquet")));
        Assert.Equal(ResultFileWriter.Fingerprint(first), (length, sha256));
        Assert.Equal(["a.parquet", "b.parquet"], Directory.EnumerateFiles(_temp).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task The_spec_and_its_hash_are_in_the_key_value_metadata()
    {
        var path = Write("part-00000.parquet");

        await using var reader = await ParquetReader.CreateAsync(path);

        Assert.Equal(_spec.CanonicalJson, reader.CustomMetadata["life.sweep.spec"]);
        Assert.Equal(_spec.Hash, reader.CustomMetadata["life.sweep.spec_sha256"]);
        Assert.DoesNotContain(reader.CustomMetadata.Keys, k => !k.StartsWith("life.sweep.", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    private static async Task<object?[]> ReadColumn(ParquetRowGroupReader group, Parquet.Schema.DataField field, int rows)
    {
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[rows];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }

        if (field.IsNullable)
        {
            var doubles = new double?[rows];
            await group.ReadAsync(field, doubles.AsMemory());
            return [.. doubles.Select(d => (object?)d)];
        }

        return field.ClrType switch
        {
            var t when t == typeof(long) => await Read<long>(group, field, rows),
            var t when t == typeof(int) => await Read<int>(group, field, rows),
            var t when t == typeof(bool) => await Read<bool>(group, field, rows),
            _ => await Read<double>(group, field, rows),
        };
    }

    private static async Task<object?[]> Read<T>(ParquetRowGroupReader group, Parquet.Schema.DataField field, int rows)
        where T : struct
    {
        var values = new T[rows];
        await group.ReadAsync(field, values.AsMemory());
        return [.. values.Select(v => (object?)v)];
    }

    private string Write(string name)
    {
        var path = Path.Combine(_temp, name);
        _writer.Write(_batch, path);
        return path;
    }

    /// <summary>Row <paramref name="row"/> of the batch as the column values a reader should give, in column order.</summary>
    private object?[] ExpectedRow(int row)
    {
        var values = new List<object?> { _batch.ConfigIds[row] };
        foreach (var d in _writer.Schema.DimensionOrder)
        {
            var dimension = _spec.Dimensions[d];
            values.Add(dimension.Kind switch
            {
                DimensionKind.Text => dimension.Texts[_batch.Indices[d][row]],
                DimensionKind.Real => _batch.Reals[d][row],
                _ => _batch.Integers[d][row],
            });
        }

        values.AddRange([.. new[] { MetricColumn.TtftMs, MetricColumn.TpotMs, MetricColumn.E2eMs, MetricColumn.PerUserTps, MetricColumn.ThroughputTps, MetricColumn.OutputTps, MetricColumn.MemoryGB }
            .Select(m => (object?)_batch.Metrics[(int)m][row])]);
        values.Add(_batch.Fits[row]);
        values.Add(_batch.MeetsConstraints[row]);
        values.Add(_batch.Canonical[row]);
        foreach (var metric in new[] { MetricColumn.CostPerMTok, MetricColumn.EnergyJPerToken, MetricColumn.CostPerMOutputTokens, MetricColumn.EnergyJPerOutputToken })
        {
            values.Add(_batch.Present[(int)metric][row] ? _batch.Metrics[(int)metric][row] : null);
        }

        return [.. values];
    }
}
