using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests;

/// <summary>Files written by Life.Parquet read back identically by DuckDB and by hyparquet.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Every_type_and_edge_value_round_trips_through_duckdb_and_hyparquet()
    {
        var table = AllTypes(rows: 500, seed: 1, nullable: false);
        AssertRoundTrip(table, new ParquetWriterOptions { RowGroupSize = 200 });
    }

    [Fact]
    public void Nulls_round_trip_in_every_type()
    {
        var table = AllTypes(rows: 700, seed: 2, nullable: true);
        AssertRoundTrip(table, new ParquetWriterOptions { RowGroupSize = 300 });
    }

    [Fact]
    public void Columns_that_are_all_null_or_have_no_nulls_round_trip()
    {
        var none = new bool[50];
        var all = Enumerable.Repeat(true, 50).ToArray();
        var table = new TestTable(
            TestColumn.Double("all_null", TestData.Doubles(50, 1), none),
            TestColumn.Int64("no_nulls", TestData.Int64s(50, 2), all),
            TestColumn.String("all_null_strings", new string?[50], nullable: true),
            TestColumn.IndexedString("all_null_indexed", ["a"], Enumerable.Repeat(-1, 50).ToArray(), nullable: true),
            TestColumn.Boolean("all_null_booleans", TestData.Booleans(50, 3), none));
        AssertRoundTrip(table);
    }

    [Fact]
    public void Empty_strings_and_unicode_round_trip_in_plain_and_dictionary_columns()
    {
        var strings = Enumerable.Range(0, 400).Select(i => TestData.EdgeStrings[i % TestData.EdgeStrings.Length]).ToArray();
        var table = new TestTable(
            TestColumn.String("dictionary", strings, nullable: false),
            TestColumn.String("plain", strings, nullable: false),
            TestColumn.IndexedString("indexed", TestData.EdgeStrings, Enumerable.Range(0, 400).Select(i => (i * 7) % TestData.EdgeStrings.Length).ToArray(), nullable: false));
        AssertRoundTrip(table, new ParquetWriterOptions { DictionaryMaxEntries = 1_000_000 });

        using var directory = new TempDirectory();
        var path = directory.File("plain.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { EnableDictionary = false });
        AssertReadersAgree(table, path);
    }

    [Fact]
    public void A_file_with_no_rows_keeps_its_schema_and_has_no_row_groups()
    {
        var table = AllTypes(rows: 0, seed: 3, nullable: true);
        using var directory = new TempDirectory();
        var path = directory.File("empty.parquet");
        table.WriteWithBatch(path);

        var duckDb = Readers.DuckDb(path);
        Readers.AssertSameRows(table, duckDb, "duckdb");
        Readers.AssertDuckDbSchema(table, duckDb);
        Assert.Equal("0", duckDb.GetProperty("fileMetadata").GetProperty("num_row_groups").GetString());
        var hyparquet = Readers.Hyparquet(path);
        Readers.AssertSameRows(table, hyparquet, "hyparquet");
        Readers.AssertHyparquetSchema(table, hyparquet);
    }

    [Fact]
    public void A_single_row_round_trips()
    {
        AssertRoundTrip(AllTypes(rows: 1, seed: 4, nullable: false));
        AssertRoundTrip(AllTypes(rows: 1, seed: 5, nullable: true));
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    public void Every_codec_round_trips_with_dictionary_and_plain_columns_over_many_pages(ParquetCompression codec)
    {
        var table = AllTypes(rows: 5000, seed: 6, nullable: true);
        AssertRoundTrip(table, new ParquetWriterOptions { Compression = codec, RowGroupSize = 2048, PageSize = 4096 });
    }

    [Fact]
    public void Tiny_pages_split_every_chunk_into_many_pages()
    {
        var table = AllTypes(rows: 3000, seed: 7, nullable: true);
        AssertRoundTrip(table, new ParquetWriterOptions { PageSize = 1024, RowGroupSize = 3000 });
    }

    [Fact]
    public void A_dictionary_that_grows_past_its_limits_falls_back_to_plain()
    {
        var table = AllTypes(rows: 2000, seed: 8, nullable: true);
        AssertRoundTrip(table, new ParquetWriterOptions { DictionaryMaxEntries = 3, DictionaryMaxBytes = 16 });
    }

    [Fact]
    public void Row_groups_of_uneven_sizes_round_trip_through_the_row_group_api()
    {
        var table = AllTypes(rows: 1 + 7 + 1000 + 3, seed: 9, nullable: true);
        using var directory = new TempDirectory();
        var path = directory.File("uneven.parquet");
        table.WriteWithRowGroups(path, [1, 7, 1000, 3]);
        var duckDb = AssertReadersAgree(table, path);
        Assert.Equal(
            [1, 7, 1000, 3],
            duckDb.GetProperty("metadata").EnumerateArray()
                .Where(chunk => chunk.GetProperty("column_id").GetString() == "0")
                .Select(chunk => int.Parse(chunk.GetProperty("row_group_num_rows").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Indexed_strings_with_nulls_and_unused_entries_round_trip()
    {
        string[] dictionary = ["unused-0", "h100-sxm", "unused-2", "a100-80gb", "l40s", "unused-5"];
        var indices = Enumerable.Range(0, 1000).Select(i => i % 11 == 0 ? -1 : new[] { 1, 3, 4 }[i / 100 % 3]).ToArray();
        var table = new TestTable(
            TestColumn.IndexedString("hardware", dictionary, indices, nullable: true),
            TestColumn.IndexedString("single", ["only"], new int[1000], nullable: false));
        AssertRoundTrip(table);
    }

    /// <summary>Eight columns, one per type and API; optional ones with a mix of null patterns.</summary>
    internal static TestTable AllTypes(int rows, int seed, bool nullable)
    {
        bool[]? Validity(int salt) => nullable ? TestData.Validity(rows, seed * 31 + salt) : null;
        var strings = TestData.Strings(rows, seed + 5);
        var fewStrings = TestData.FewStrings(rows, seed + 6);
        var stringValidity = Validity(6) ?? Enumerable.Repeat(true, rows).ToArray();
        var dictionary = new[] { "eager", "flash", "full", "", "日本語" };
        var indices = Enumerable.Range(0, rows).Select(i => (i / 3) % dictionary.Length).ToArray();
        if (nullable)
        {
            var indexValidity = Validity(7)!;
            for (var i = 0; i < rows; i++)
            {
                indices[i] = indexValidity[i] ? indices[i] : -1;
            }
        }

        return new TestTable(
            TestColumn.Int32("int32", TestData.Int32s(rows, seed), Validity(0)),
            TestColumn.Int64("int64", TestData.Int64s(rows, seed + 1), Validity(1)),
            TestColumn.Float("float", TestData.Floats(rows, seed + 2), Validity(2)),
            TestColumn.Double("double", TestData.Doubles(rows, seed + 3), Validity(3)),
            TestColumn.Boolean("boolean", TestData.Booleans(rows, seed + 4), Validity(4)),
            TestColumn.String("string", nullable ? TestData.WithNulls(strings, Validity(5)!) : strings, nullable),
            TestColumn.String("few_strings", nullable ? TestData.WithNulls(fewStrings, stringValidity) : fewStrings, nullable),
            TestColumn.IndexedString("indexed_string", dictionary, indices, nullable),
            TestColumn.Timestamp("timestamp", TestData.Timestamps(rows, seed + 8), Validity(8)),
            TestColumn.Double("low_cardinality_double", Enumerable.Range(0, rows).Select(i => new[] { 16, 8, 4.5, -0.0, double.NaN }[i / 7 % 5]).ToArray(), Validity(9)),
            TestColumn.Int32("low_cardinality_int", Enumerable.Range(0, rows).Select(i => i / 13 % 4).ToArray(), Validity(10)));
    }

    /// <summary>Writes with the batch API and checks both readers.</summary>
    private static void AssertRoundTrip(TestTable table, ParquetWriterOptions? options = null)
    {
        using var directory = new TempDirectory();
        var path = directory.File("table.parquet");
        table.WriteWithBatch(path, options);
        AssertReadersAgree(table, path);
    }

    /// <summary>Both readers give back every value, the column types and the nullability.</summary>
    private static System.Text.Json.JsonElement AssertReadersAgree(TestTable table, string path)
    {
        var duckDb = Readers.DuckDb(path);
        Readers.AssertSameRows(table, duckDb, "duckdb");
        Readers.AssertDuckDbSchema(table, duckDb);
        var hyparquet = Readers.Hyparquet(path);
        Readers.AssertSameRows(table, hyparquet, "hyparquet");
        Readers.AssertHyparquetSchema(table, hyparquet);
        return duckDb;
    }
}
