using System.Globalization;
using Life.Parquet.Benchmarks;
using Life.Parquet.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Life.Parquet.Tests;

/// <summary>
/// Our files against DuckDB's writer on the benchmark's sweep-like table (5 dictionary strings,
/// 15 doubles), same codec and row-group size. File sizes are deterministic, so this is a plain
/// assertion, not a timing.
/// </summary>
public sealed class DuckDbFileSizeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    public void Files_are_within_one_and_a_half_times_the_size_duckdb_writes(ParquetCompression codec)
    {
        var table = new SweepLikeTable(1 << 18);
        var options = new ParquetWriterOptions { Compression = codec };
        using var directory = new TempDirectory();
        var ours = directory.File("ours.parquet");
        var theirs = directory.File("duckdb.parquet");
        using (var writer = new ParquetFileWriter(ours, table.Schema, options))
        {
            writer.WriteBatch(table.ToBatch());
            writer.Commit();
        }

        NodeScript.Run(
            "duckdb-write.mjs",
            ours,
            theirs,
            codec.ToString().ToUpperInvariant(),
            options.RowGroupSize.ToString(CultureInfo.InvariantCulture));
        var ourBytes = new FileInfo(ours).Length;
        var duckDbBytes = new FileInfo(theirs).Length;
        var ratio = (double)ourBytes / duckDbBytes;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{codec}: ours {ourBytes:N0} B ({(double)ourBytes / table.RowCount:F2} B/row), DuckDB {duckDbBytes:N0} B, ratio {ratio:F3}"));
        Assert.True(ratio <= 1.5, $"{codec}: {ourBytes} bytes against DuckDB's {duckDbBytes} (ratio {ratio:F3}).");
        Assert.Equal(table.RowCount.ToString(CultureInfo.InvariantCulture), Readers.DuckDb(theirs).GetProperty("fileMetadata").GetProperty("num_rows").GetString());
    }
}
