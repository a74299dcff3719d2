using Life.Parquet;

namespace Life.Sweep.Tests.Datasets;

/// <summary>
/// A dataset directory shaped like a sweep's output (results/part-*.parquet with the spec in the
/// key-value metadata), filled with deterministic random rows that the tests also keep in memory.
/// </summary>
internal sealed class SyntheticDataset : IDisposable
{
    public const string SpecJson = """{"name": "synthetic", "objectives": ["min:tpot_ms", "max:throughput_tps"]}""";

    private static readonly string[] HardwareNames = ["h100-sxm", "a100-80gb", "l40s"];

    public SyntheticDataset(int rows = 3000, int files = 3, int seed = 5, bool withSpec = true, int rowGroupSize = 400)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("life-dataset-tests-").FullName;
        var random = new Random(seed);
        Rows = [.. Enumerable.Range(0, rows).Select(i => Row.Random(i, random))];
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "results"));
        var perFile = (rows + files - 1) / files;
        for (var f = 0; f < files; f++)
        {
            var slice = Rows.Skip(f * perFile).Take(perFile).ToArray();
            WriteFile(Path.Combine(Directory, "results", $"part-{f:D5}.parquet"), slice, withSpec ? SpecJson : null, rowGroupSize);
        }
    }

    public string Directory { get; }

    public Row[] Rows { get; }

    public static ParquetSchema Schema { get; } = new(
        new ParquetColumn("config_id", ParquetType.Int64),
        new ParquetColumn("hardware", ParquetType.String),
        new ParquetColumn("batch", ParquetType.Int32),
        new ParquetColumn("weight_bits", ParquetType.Double),
        new ParquetColumn("ttft_ms", ParquetType.Double),
        new ParquetColumn("tpot_ms", ParquetType.Double),
        new ParquetColumn("throughput_tps", ParquetType.Double),
        new ParquetColumn("memory_gb", ParquetType.Double),
        new ParquetColumn("fits", ParquetType.Boolean),
        new ParquetColumn("meets_constraints", ParquetType.Boolean),
        new ParquetColumn("cost_per_mtok", ParquetType.Double, IsNullable: true));

    public static void WriteFile(string path, Row[] rows, string? spec, int rowGroupSize = 400, string hash = "0123456789abcdef")
    {
        var metadata = spec is null ? [] : new List<KeyValuePair<string, string>> { new("life.sweep.spec", spec), new("life.sweep.spec_sha256", hash) };
        using var writer = new ParquetFileWriter(path, Schema, new ParquetWriterOptions { RowGroupSize = rowGroupSize, KeyValueMetadata = metadata });
        var batch = new ParquetBatch(Schema, rows.Length)
            .SetInt64(0, rows.Select(r => r.ConfigId).ToArray())
            .SetStrings(1, HardwareNames, rows.Select(r => Array.IndexOf(HardwareNames, r.Hardware)).ToArray())
            .SetInt32(2, rows.Select(r => r.Batch).ToArray())
            .SetDouble(3, rows.Select(r => r.WeightBits).ToArray())
            .SetDouble(4, rows.Select(r => r.TtftMs).ToArray())
            .SetDouble(5, rows.Select(r => r.TpotMs).ToArray())
            .SetDouble(6, rows.Select(r => r.ThroughputTps).ToArray())
            .SetDouble(7, rows.Select(r => r.MemoryGb).ToArray())
            .SetBoolean(8, rows.Select(r => r.Fits).ToArray())
            .SetBoolean(9, rows.Select(r => r.MeetsConstraints).ToArray())
            .SetDouble(10, rows.Select(r => r.Cost ?? 0).ToArray(), rows.Select(r => r.Cost is not null).ToArray());
        writer.WriteBatch(batch);
        writer.Commit();
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>One synthetic result row; values on a coarse grid so that ties occur.</summary>
    internal sealed record Row(
        long ConfigId, string Hardware, int Batch, double WeightBits, double TtftMs, double TpotMs, double ThroughputTps, double MemoryGb,
        bool Fits, bool MeetsConstraints, double? Cost)
    {
        public static Row Random(int id, Random random) => new(
            ConfigId: id,
            Hardware: HardwareNames[random.Next(HardwareNames.Length)],
            Batch: new[] { 1, 8, 64 }[random.Next(3)],
            WeightBits: new[] { 16, 8, 4.5 }[random.Next(3)],
            TtftMs: random.Next(1, 400) * 10.0,
            TpotMs: random.Next(1, 60) * 0.5,
            ThroughputTps: random.Next(1, 80) * 25.0,
            MemoryGb: random.Next(1, 100),
            Fits: random.Next(4) != 0,
            MeetsConstraints: random.Next(3) != 0,
            Cost: random.Next(5) == 0 ? null : random.Next(1, 40) * 0.05);

        public double? Metric(string name) => name switch
        {
            "ttft_ms" => TtftMs,
            "tpot_ms" => TpotMs,
            "throughput_tps" => ThroughputTps,
            "memory_gb" => MemoryGb,
            "cost_per_mtok" => Cost,
            _ => throw new ArgumentException(name),
        };
    }
}
