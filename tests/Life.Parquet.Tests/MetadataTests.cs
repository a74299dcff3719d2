using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests;

/// <summary>What DuckDB and hyparquet read from the footer matches what was written.</summary>
public sealed partial class MetadataTests
{
    private const int GroupRows = 5000;
    private const int Groups = 4;
    private static readonly string[] HardwareNames = ["a100-80gb", "h100-sxm", "l40s", "rtx-4090"];

    [Fact]
    public void Duckdb_parquet_metadata_agrees_with_every_chunk_written()
    {
        var table = SweepShard();
        using var directory = new TempDirectory();
        var path = directory.File("shard.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { RowGroupSize = GroupRows, Compression = ParquetCompression.Gzip });
        var duckDb = Readers.DuckDb(path);
        var chunks = ChunkMetadata.All(duckDb);

        Assert.Equal(Groups * table.Columns.Count, chunks.Count);
        foreach (var chunk in chunks)
        {
            var column = table.Columns[chunk.Column];
            var start = chunk.RowGroup * GroupRows;
            var what = $"row group {chunk.RowGroup}, column '{column.Column.Name}'";
            Assert.True(GroupRows == chunk.Long("row_group_num_rows"), what);
            Assert.True(GroupRows == chunk.Long("num_values"), what);
            Assert.Equal(column.Column.Name, chunk.Text("path_in_schema"));
            Assert.Equal(Readers.PhysicalName(column.Column.Type), chunk.Text("type"));
            Assert.Equal("GZIP", chunk.Text("compression"));
            Assert.Equal(ExpectedEncodings(column), chunk.Text("encodings"));
            AssertStatistics(column, start, GroupRows, chunk, what);
        }

        // Chunks are contiguous in schema order from byte 4, and the footer follows the last one.
        var ordered = chunks.OrderBy(c => c.RowGroup).ThenBy(c => c.Column).ToArray();
        Assert.Equal(4, ordered[0].Start);
        for (var i = 1; i < ordered.Length; i++)
        {
            Assert.Equal(ordered[i - 1].End, ordered[i].Start);
        }

        var file = duckDb.GetProperty("fileMetadata");
        Assert.Equal(new FileInfo(path).Length, ordered[^1].End + long.Parse(file.GetProperty("footer_size").GetString()!, CultureInfo.InvariantCulture) + 8);
        foreach (var chunk in chunks.Where(c => c.Long("dictionary_page_offset") is not null))
        {
            Assert.True(chunk.Long("dictionary_page_offset") < chunk.Long("data_page_offset"));
        }
    }

    [Fact]
    public void Duckdb_parquet_schema_file_metadata_and_key_values_agree_with_what_was_written()
    {
        var table = SweepShard();
        var spec = "{\"name\": \"procurement-demo\", \"hardware\": [\"h100-sxm\", \"l40s\"], \"note\": \"ünïcode ✓\"}";
        var options = new ParquetWriterOptions
        {
            RowGroupSize = GroupRows,
            CreatedBy = "LifeSweep version 2.3.4 (build 0123abcd)",
            KeyValueMetadata = [new("life.sweep.spec", spec), new("life.sweep.shard", "17"), new("empty", "")],
        };
        using var directory = new TempDirectory();
        var path = directory.File("shard.parquet");
        table.WriteWithBatch(path, options);
        var duckDb = Readers.DuckDb(path);

        var schema = duckDb.GetProperty("schema").EnumerateArray().ToArray();
        Assert.Equal("schema", schema[0].GetProperty("name").GetString());
        Assert.Equal(table.Columns.Count.ToString(CultureInfo.InvariantCulture), schema[0].GetProperty("num_children").GetString());
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i].Column;
            var leaf = schema[i + 1];
            Assert.Equal(column.Name, leaf.GetProperty("name").GetString());
            Assert.Equal(Readers.PhysicalName(column.Type), leaf.GetProperty("type").GetString());
            Assert.Equal(column.IsNullable ? "OPTIONAL" : "REQUIRED", leaf.GetProperty("repetition_type").GetString());
            Assert.Equal(Readers.DuckDbTypeOf(column.Type), leaf.GetProperty("duckdb_type").GetString());
            var (converted, logical) = column.Type switch
            {
                ParquetType.String => ("UTF8", "StringType()"),
                ParquetType.TimestampMicros => ("TIMESTAMP_MICROS", "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))"),
                _ => ((string?)null, (string?)null),
            };
            Assert.Equal(converted, leaf.GetProperty("converted_type").GetString());
            Assert.Equal(logical, leaf.GetProperty("logical_type").GetString());
        }

        var file = duckDb.GetProperty("fileMetadata");
        Assert.Equal(options.CreatedBy, file.GetProperty("created_by").GetString());
        Assert.Equal("1", file.GetProperty("format_version").GetString());
        Assert.Equal((Groups * GroupRows).ToString(CultureInfo.InvariantCulture), file.GetProperty("num_rows").GetString());
        Assert.Equal(Groups.ToString(CultureInfo.InvariantCulture), file.GetProperty("num_row_groups").GetString());
        Assert.All(file.GetProperty("column_orders").EnumerateArray(), order => Assert.Equal("ColumnOrder(TYPE_ORDER=TypeDefinedOrder())", order.GetString()));
        Assert.Equal(table.Columns.Count, file.GetProperty("column_orders").GetArrayLength());
        Assert.Equal(
            options.KeyValueMetadata.Select(kv => (kv.Key, kv.Value)),
            duckDb.GetProperty("keyValueMetadata").EnumerateArray().Select(kv => (kv.GetProperty("key").GetString()!, kv.GetProperty("value").GetString()!)));

        var footer = Readers.Hyparquet(path).GetProperty("footer");
        Assert.Equal(options.CreatedBy, footer.GetProperty("created_by").GetString());
        Assert.Equal(
            options.KeyValueMetadata.Select(kv => (kv.Key, kv.Value)),
            footer.GetProperty("key_value_metadata").EnumerateArray().Select(kv => (kv.GetProperty("key").GetString()!, kv.GetProperty("value").GetString()!)));
    }

    [Fact]
    public void The_default_created_by_has_the_name_version_build_form()
    {
        // parquet-java's VersionParser must be able to read it, or it ignores legacy statistics.
        var match = CreatedByPattern().Match(ParquetWriterOptions.DefaultCreatedBy);
        Assert.True(match.Success, ParquetWriterOptions.DefaultCreatedBy);
        Assert.Equal("Life.Parquet", match.Groups[1].Value);
        Assert.Matches(@"^\d+\.\d+\.\d+", match.Groups[2].Value);
        Assert.NotEmpty(match.Groups[3].Value);
    }

    [Fact]
    public void Duckdb_skips_row_groups_whose_statistics_exclude_the_filter()
    {
        var table = SweepShard();
        using var directory = new TempDirectory();
        var path = directory.File("shard.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { RowGroupSize = GroupRows });
        var duckDb = Readers.DuckDb(
            path,
            "SELECT count(*) AS n, min(config_id) AS lo FROM $FILE WHERE config_id BETWEEN 12000 AND 12010",
            "SELECT count(*) AS n FROM $FILE WHERE hardware = 'rtx-4090'",
            "SELECT count(*) AS n FROM $FILE WHERE model = 'llama-3-70b' AND config_id < 5000");
        var chunks = ChunkMetadata.All(duckDb);
        var queries = duckDb.GetProperty("queries").EnumerateArray().ToArray();

        Assert.Equal("11", queries[0].GetProperty("rows")[0].GetProperty("n").GetString());
        Assert.Equal("12000", queries[0].GetProperty("rows")[0].GetProperty("lo").GetString());
        AssertReadOnlyRowGroup(chunks, queries[0], rowGroup: 2);
        Assert.Equal(GroupRows.ToString(CultureInfo.InvariantCulture), queries[1].GetProperty("rows")[0].GetProperty("n").GetString());
        AssertReadOnlyRowGroup(chunks, queries[1], rowGroup: 3);
        var expectedModel = table.Columns[2].Strings!.Take(GroupRows).Count(s => s == "llama-3-70b");
        Assert.Equal(expectedModel.ToString(CultureInfo.InvariantCulture), queries[2].GetProperty("rows")[0].GetProperty("n").GetString());
        AssertReadOnlyRowGroup(chunks, queries[2], rowGroup: 0);
    }

    [Fact]
    public void Duckdb_proves_predicates_empty_from_min_max_and_null_counts()
    {
        var table = SweepShard();
        using var directory = new TempDirectory();
        var path = directory.File("shard.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { RowGroupSize = GroupRows });
        var duckDb = Readers.DuckDb(
            path,
            "EXPLAIN SELECT count(*) FROM $FILE WHERE config_id > 20000",
            "EXPLAIN SELECT count(*) FROM $FILE WHERE hardware = 'tpu-v5' OR hardware < '0'",
            "EXPLAIN SELECT count(*) FROM $FILE WHERE fits IS NULL",
            "EXPLAIN SELECT count(*) FROM $FILE WHERE config_id > 19000");
        var plans = duckDb.GetProperty("queries").EnumerateArray().Select(q => q.GetProperty("rows").ToString()).ToArray();
        Assert.All(plans[..3], plan => Assert.Contains("EMPTY_RESULT", plan, StringComparison.Ordinal));
        Assert.DoesNotContain("EMPTY_RESULT", plans[3], StringComparison.Ordinal);
    }

    [Fact]
    public void String_statistics_use_unsigned_utf8_byte_order()
    {
        // UTF-16 ordinal order puts the emoji (a surrogate pair, D83D) below U+E000 and U+FFFD;
        // UTF-8 byte order (F0 > EF > EE) puts it above them. Parquet wants the latter.
        string[] values = ["\uE000", "b", "😀", "\uFFFD", "a"];
        Assert.True(string.CompareOrdinal("😀", "\uFFFD") < 0);
        var table = new TestTable(
            TestColumn.String("plain", values, nullable: false),
            TestColumn.IndexedString("dictionary", values, [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 2, 2], nullable: false).Sliced(5));
        using var directory = new TempDirectory();
        var path = directory.File("strings.parquet");
        table.WriteWithBatch(path);
        var duckDb = Readers.DuckDb(path, "SELECT count(*) AS n FROM $FILE WHERE plain = '😀'");
        foreach (var chunk in ChunkMetadata.All(duckDb))
        {
            Assert.Equal("a", chunk.Text("stats_min_value"));
            Assert.Equal("😀", chunk.Text("stats_max_value"));
            Assert.Null(chunk.Text("stats_min"));
            Assert.Null(chunk.Text("stats_max"));
        }

        Assert.Equal("1", duckDb.GetProperty("queries")[0].GetProperty("rows")[0].GetProperty("n").GetString());
        var statistics = Readers.Hyparquet(path).GetProperty("footer").GetProperty("row_groups")[0].GetProperty("columns")[0].GetProperty("statistics");
        Assert.Equal("😀", statistics.GetProperty("max_value").GetString());
    }

    [Fact]
    public void Float_statistics_leave_out_nan_and_write_zero_bounds_with_their_sign()
    {
        var table = new TestTable(
            TestColumn.Double("zeros", [0.0, -0.0, 0.0]),
            TestColumn.Double("positive_zero_min", [0.0, 1.5, 2.0]),
            TestColumn.Double("with_nan", [double.NaN, 3.0, -2.0]),
            TestColumn.Double("only_nan", [double.NaN, double.NaN, double.NaN]),
            TestColumn.Float("float_with_nan", [1f, float.NaN, -1f]));
        using var directory = new TempDirectory();
        var path = directory.File("floats.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { EnableDictionary = false });
        var columns = Readers.Hyparquet(path).GetProperty("footer").GetProperty("row_groups")[0].GetProperty("columns");

        (string? Min, string? Max) Bounds(int column)
        {
            var statistics = columns[column].GetProperty("statistics");
            return (statistics.GetProperty("min_value").ToString(), statistics.GetProperty("max_value").ToString());
        }

        Assert.Equal(("-0", "0"), Bounds(0));
        Assert.Equal(("-0", "2"), Bounds(1));
        Assert.Equal(("-2", "3"), Bounds(2));
        Assert.Equal((string.Empty, string.Empty), Bounds(3));
        Assert.Equal(("-1", "1"), Bounds(4));
    }

    /// <summary>
    /// A 20,000-row shard in sweep order: config_id ascending, hardware changing per row group,
    /// models cycling, nullable metrics and a boolean.
    /// </summary>
    private static TestTable SweepShard()
    {
        const int rows = Groups * GroupRows;
        string[] models = ["llama-2-7b", "llama-3-8b", "llama-3-70b"];
        var random = new Random(11);
        var ttftValidity = Enumerable.Range(0, rows).Select(i => i % 10 != 3).ToArray();
        return new TestTable(
            TestColumn.Int64("config_id", Enumerable.Range(0, rows).Select(i => (long)i).ToArray()),
            TestColumn.IndexedString("hardware", HardwareNames, Enumerable.Range(0, rows).Select(i => i / GroupRows).ToArray(), nullable: false),
            TestColumn.String("model", Enumerable.Range(0, rows).Select(i => models[i / 7 % 3]).ToArray(), nullable: false),
            TestColumn.Int32("batch", Enumerable.Range(0, rows).Select(i => 1 << (i % 8)).ToArray()),
            TestColumn.Double("ttft_ms", Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 1000).ToArray(), ttftValidity),
            TestColumn.Float("memory_gb", Enumerable.Range(0, rows).Select(i => (float)(i % 100) / 4).ToArray()),
            TestColumn.Boolean("fits", Enumerable.Range(0, rows).Select(i => i % 3 != 0).ToArray()),
            TestColumn.Double("cost_per_mtok", Enumerable.Range(0, rows).Select(i => i * 0.5).ToArray(), Enumerable.Range(0, rows).Select(i => i >= GroupRows).ToArray()),
            TestColumn.Timestamp("finished_at", Enumerable.Range(0, rows).Select(i => 1_700_000_000_000_000 + (i * 1_000_000L)).ToArray(), Enumerable.Range(0, rows).Select(i => i % 2 == 0).ToArray()));
    }

    private static string ExpectedEncodings(TestColumn column)
    {
        var dictionary = column.Column.Name is "hardware" or "model" or "batch" or "memory_gb";
        return (dictionary, column.Column.IsNullable) switch
        {
            (true, true) => "PLAIN, RLE, RLE_DICTIONARY",
            (true, false) => "PLAIN, RLE_DICTIONARY",
            (false, true) => "PLAIN, RLE",
            _ => "PLAIN",
        };
    }

    /// <summary>null_count, min_value and max_value (and the legacy min/max for non-strings) of rows [start, start + count).</summary>
    private static void AssertStatistics(TestColumn column, int start, int count, ChunkMetadata chunk, string what)
    {
        var rows = Enumerable.Range(start, count).Where(row => !column.IsNull(row)).ToArray();
        Assert.True(count - rows.Length == chunk.Long("stats_null_count"), $"{what}: null count");
        if (rows.Length == 0)
        {
            Assert.Null(chunk.Text("stats_min_value"));
            Assert.Null(chunk.Text("stats_max_value"));
            return;
        }

        string min, max;
        switch (column.Column.Type)
        {
            case ParquetType.Int64:
                (min, max) = (rows.Min(r => column.Int64s![r]).ToString(CultureInfo.InvariantCulture), rows.Max(r => column.Int64s![r]).ToString(CultureInfo.InvariantCulture));
                break;
            case ParquetType.Int32:
                (min, max) = (rows.Min(r => column.Int32s![r]).ToString(CultureInfo.InvariantCulture), rows.Max(r => column.Int32s![r]).ToString(CultureInfo.InvariantCulture));
                break;
            case ParquetType.Double or ParquetType.Float:
                double Value(int r) => column.Doubles?[r] ?? column.Floats![r];
                Assert.Equal(rows.Min(Value), double.Parse(chunk.Text("stats_min_value")!, CultureInfo.InvariantCulture));
                Assert.Equal(rows.Max(Value), double.Parse(chunk.Text("stats_max_value")!, CultureInfo.InvariantCulture));
                Assert.Equal(chunk.Text("stats_min_value"), chunk.Text("stats_min"));
                Assert.Equal(chunk.Text("stats_max_value"), chunk.Text("stats_max"));
                return;
            case ParquetType.Boolean:
                (min, max) = (rows.All(r => column.Booleans![r]) ? "true" : "false", rows.Any(r => column.Booleans![r]) ? "true" : "false");
                break;
            case ParquetType.TimestampMicros:
                static string Format(long micros) => DateTime.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00";
                (min, max) = (Format(rows.Min(r => column.Int64s![r])), Format(rows.Max(r => column.Int64s![r])));
                break;
            default:
                var strings = rows.Select(r => column.Strings?[r] ?? column.Dictionary![column.Indices![r]]).ToArray();
                Assert.Equal(strings.Min(Utf8Order.Instance), chunk.Text("stats_min_value"));
                Assert.Equal(strings.Max(Utf8Order.Instance), chunk.Text("stats_max_value"));
                Assert.Null(chunk.Text("stats_min"));
                return;
        }

        Assert.True(min == chunk.Text("stats_min_value"), $"{what}: min {min} vs {chunk.Text("stats_min_value")}");
        Assert.True(max == chunk.Text("stats_max_value"), $"{what}: max {max} vs {chunk.Text("stats_max_value")}");
        Assert.Equal(min, chunk.Text("stats_min"));
        Assert.Equal(max, chunk.Text("stats_max"));
    }

    /// <summary>Every data read DuckDB made starts inside a chunk of <paramref name="rowGroup"/> (footer reads aside).</summary>
    private static void AssertReadOnlyRowGroup(IReadOnlyList<ChunkMetadata> chunks, JsonElement query, int rowGroup)
    {
        var dataEnd = chunks.Max(c => c.End);
        var dataReads = query.GetProperty("reads").EnumerateArray()
            .Select(read => read.GetProperty("pos").GetInt64())
            .Where(position => position < dataEnd)
            .ToArray();
        Assert.NotEmpty(dataReads);
        foreach (var position in dataReads)
        {
            var chunk = chunks.Single(c => c.Start <= position && position < c.End);
            Assert.True(chunk.RowGroup == rowGroup, $"DuckDB read at {position}, in row group {chunk.RowGroup} (expected only {rowGroup}).");
        }
    }

    [GeneratedRegex(@"^(.+?)\s+version\s+(\S+)\s+\(build\s+([^)]+)\)$")]
    private static partial Regex CreatedByPattern();
}
