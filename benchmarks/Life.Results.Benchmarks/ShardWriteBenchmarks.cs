using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;
using Parquet;

namespace Life.Results.Benchmarks;

/// <summary>
/// Writing one shard part as the sweep does (<see cref="ResultFileWriter"/>, Parquet.Net): the first
/// 100,000 configurations of examples/overnight-slice.yaml, evaluated once, written as one row group.
/// Mean is per row (OperationsPerInvoke), so Op/s reads as rows per second; the global setup prints
/// the file's bytes per row for the case's codec.
/// </summary>
[Config(typeof(RowsPerSecondConfig))]
public class ShardWriteBenchmarks
{
    public const int Rows = 100_000;

    private readonly MemoryStream _memory = new();
    private ResultFileWriter _writer = null!;
    private ResultBatch _batch = null!;
    private string _directory = null!;

    [Params(CompressionMethod.None, CompressionMethod.Snappy)]
    public CompressionMethod Codec { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = SweepSpecParser.ParseFile(Path.Combine(RepositoryRoot(), "examples", "overnight-slice.yaml"), Life.Engine.Catalog.BuiltInCatalog.LoadShipped());
        var space = new SweepSpace(spec);
        _batch = new ResultBatch(spec, Rows);
        new ShardEvaluator(space).Evaluate(0, Rows, _batch);
        _writer = new ResultFileWriter(spec, Codec);
        _directory = Directory.CreateTempSubdirectory("life-results-bench-").FullName;
        WriteToMemory();
        Console.WriteLine($"// {Codec}: {_memory.Length:N0} bytes, {(double)_memory.Length / Rows:F2} bytes/row");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Encoding only: into a reused in-memory stream.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long WriteToMemory()
    {
        _memory.SetLength(0);
        _writer.WriteAsync(_batch, _memory).AsTask().GetAwaiter().GetResult();
        return _memory.Length;
    }

    /// <summary>The real thing: temporary file, SHA-256 while writing, fsync, atomic rename.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long WriteToFile() => _writer.Write(_batch, Path.Combine(_directory, "part-00000.parquet")).Length;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LifeSweep.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from the repository (LifeSweep.slnx not found).");
    }

    private sealed class RowsPerSecondConfig : ManualConfig
    {
        public RowsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
