using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests.Reading;

/// <summary>
/// Files written by DuckDB (another writer, with its own choices of encodings, page layout and
/// metadata) read the same with our reader as with DuckDB itself: the reader does not just
/// mirror our writer.
/// </summary>
public sealed class DuckDbWrittenFileTests
{
    [Theory]
    [InlineData("UNCOMPRESSED", 5000)]
    [InlineData("SNAPPY", 2048)]
    [InlineData("GZIP", 2048)]
    [InlineData("BROTLI", 100_000)]
    public void Every_type_reads_the_same_as_duckdb_reads_it(string codec, int rowGroupSize)
    {
        using var directory = new TempDirectory();
        var path = directory.File("duckdb.parquet");
        DuckDbFiles.Write(DuckDbFiles.AllTypes, path, $"COMPRESSION {codec}, ROW_GROUP_SIZE {rowGroupSize}");

        var duckDb = Readers.DuckDb(path);
        ReadBack.AssertSameAsDuckDb(path, duckDb);
        using var reader = new ParquetFileReader(path);
        Assert.StartsWith("DuckDB", reader.CreatedBy, StringComparison.Ordinal);
        Assert.Equal(
            [ParquetType.Int32, ParquetType.Int64, ParquetType.Float, ParquetType.Double, ParquetType.Boolean, ParquetType.String, ParquetType.String,
                ParquetType.TimestampMicros, ParquetType.Int32, ParquetType.Double, ParquetType.Int64],
            reader.Schema.Columns.Select(c => c.Type));
        Assert.All(reader.Schema.Columns, c => Assert.True(c.IsNullable));
        Assert.Equal(rowGroupSize >= 5000 ? 1 : 3, reader.RowGroupCount);
    }

    [Fact]
    public void Data_page_v2_with_dictionary_byte_stream_split_and_plain_booleans_reads_the_same_as_duckdb()
    {
        using var directory = new TempDirectory();
        var path = directory.File("v2.parquet");
        const string select = """
            SELECT
              CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 5)::INTEGER END AS low_int,
              CASE WHEN i % 3 = 0 THEN NULL ELSE (i / 7.0)::FLOAT END AS float,
              CASE WHEN i % 4 = 0 THEN NULL ELSE i / 3.0 END AS double,
              CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 = 0 END AS boolean,
              CASE WHEN i % 5 = 0 THEN NULL ELSE 'h' || (i % 3) END AS few_strings
            FROM range(6000) r(i)
            """;
        DuckDbFiles.Write(select, path, "PARQUET_VERSION V2, COMPRESSION SNAPPY, ROW_GROUP_SIZE 2048");

        ReadBack.AssertSameAsDuckDb(path, Readers.DuckDb(path));
    }

    [Fact]
    public void A_delta_encoded_column_is_reported_unsupported_while_the_other_columns_read()
    {
        using var directory = new TempDirectory();
        var path = directory.File("delta.parquet");
        DuckDbFiles.Write("SELECT i::BIGINT AS id, (i % 3)::INTEGER AS k FROM range(5000) r(i)", path, "PARQUET_VERSION V2");

        using var reader = new ParquetFileReader(path);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadColumn(0, "id"));
        var k = reader.ReadColumn(0, "k");

        Assert.True(error.IsUnsupported, error.Message);
        Assert.Matches(
            @$"^{System.Text.RegularExpressions.Regex.Escape(path)}: row group 0, column 'id': page at offset \d+: encoding DELTA_BINARY_PACKED is not supported for Int64 columns \(PLAIN, dictionary, RLE booleans and BYTE_STREAM_SPLIT are\)\.$",
            error.Message);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => i % 3), k.Int32s.ToArray());
    }

    [Fact]
    public void A_zstd_file_opens_but_reading_a_column_says_the_codec_is_not_supported()
    {
        using var directory = new TempDirectory();
        var path = directory.File("zstd.parquet");
        DuckDbFiles.Write("SELECT i::INTEGER AS x FROM range(100) r(i)", path, "COMPRESSION ZSTD");

        using var reader = new ParquetFileReader(path);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadColumn(0, 0));

        Assert.True(error.IsUnsupported);
        Assert.Equal($"{path}: row group 0, column 'x': codec ZSTD is not supported (UNCOMPRESSED, SNAPPY, GZIP and BROTLI are).", error.Message);
    }

    [Fact]
    public void Types_the_reader_cannot_represent_are_refused_when_the_file_opens_naming_the_column()
    {
        using var directory = new TempDirectory();
        var cases = new (string Select, string Message)[]
        {
            ("SELECT 1.5::DECIMAL(18, 3) AS price", "column 'price' has type INT64 with logical type DECIMAL, which this reader does not support."),
            ("SELECT DATE '2024-01-01' AS day", "column 'day' has type INT32 with converted type DATE, which this reader does not support."),
            ("SELECT [1, 2] AS list", "column 'list' is a nested group; only flat schemas are supported."),
            ("SELECT 3000000000::UINTEGER AS big", "column 'big' has type INT32 with converted type UINT_32, which this reader does not support."),
        };
        foreach (var (select, message) in cases)
        {
            var path = directory.File($"case-{Array.FindIndex(cases, c => c.Select == select)}.parquet");
            DuckDbFiles.Write(select, path);

            var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

            Assert.True(error.IsUnsupported, error.Message);
            Assert.Equal($"{path}: {message}", error.Message);
        }
    }
}
