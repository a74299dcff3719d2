using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Life.Parquet.Benchmarks;

/// <summary>
/// Writing the 20-column sweep-like table (1,048,576 rows, row groups of 131,072). Mean is per
/// row (OperationsPerInvoke), so Op/s reads as rows per second; BytesPerRow is the file size
/// divided by the rows. The global setup also prints DuckDB's file size for the same table and
/// codec when the reader tools are installed (see tests/tools/parquet-readers).
/// </summary>
[Config(typeof(RowsPerSecondConfig))]
public class SweepTableWriteBenchmarks
{
    public const int Rows = 1 << 20;

    private readonly MemoryStream _memory = new();
    private SweepLikeTable _table = null!;
    private ParquetBatch _batch = null!;
    private string _directory = null!;

    [Params(ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Gzip)]
    public ParquetCompression Codec { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _table = new SweepLikeTable(Rows);
        _batch = _table.ToBatch();
        _directory = Directory.CreateTempSubdirectory("life-parquet-bench-").FullName;
        FileSizeReport.Print(_table, Codec, _directory);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Encoding only: into a reused in-memory stream.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long WriteToMemory()
    {
        _memory.SetLength(0);
        using var writer = new ParquetFileWriter(_memory, _table.Schema, new ParquetWriterOptions { Compression = Codec });
        writer.WriteBatch(_batch);
        writer.Commit();
        return writer.Position;
    }

    /// <summary>The real thing: temporary file, fsync, atomic rename.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long WriteToFile()
    {
        using var writer = new ParquetFileWriter(Path.Combine(_directory, "sweep.parquet"), _table.Schema, new ParquetWriterOptions { Compression = Codec });
        writer.WriteBatch(_batch);
        writer.Commit();
        return writer.Position;
    }

    private sealed class RowsPerSecondConfig : ManualConfig
    {
        public RowsPerSecondConfig()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
            AddColumn(new BytesPerRowColumn());
        }
    }
}
