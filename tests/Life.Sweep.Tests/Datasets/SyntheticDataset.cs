using Parquet;
using Parquet.Schema;

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
        new DataField<long>("config_id"),
        new DataField<string>("hardware", nullable: false),
        new DataField<int>("batch"),
        new DataField<double>("weight_bits"),
        new DataField<double>("ttft_ms"),
        new DataField<double>("tpot_ms"),
        new DataField<double>("throughput_tps"),
        new DataField<double>("memory_gb"),
        new DataField<bool>("fits"),
        new DataField<bool>("meets_constraints"),
        new DataField<double>("cost_per_mtok", nullable: true));

    public static string[] ColumnNames { get; } = [.. Schema.DataFields.Select(f => f.Name)];

    /// <summary>Writes <paramref name="rows"/> with Parquet.Net, <paramref name="rowGroupSize"/> rows per row group.</summary>
    public static void WriteFile(string path, Row[] rows, string? spec, int rowGroupSize = 400, string hash = "0123456789abcdef") =>
        WriteFileAsync(path, rows, spec, rowGroupSize, hash).GetAwaiter().GetResult();

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static async Task WriteFileAsync(string path, Row[] rows, string? spec, int rowGroupSize, string hash)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream);
        if (spec is not null)
        {
            writer.CustomMetadata = new Dictionary<string, string> { ["life.sweep.spec"] = spec, ["life.sweep.spec_sha256"] = hash };
        }

        var fields = Schema.DataFields;
        foreach (var chunk in rows.Chunk(rowGroupSize))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], Values(chunk, r => r.ConfigId));
            await group.WriteAsync(fields[1], chunk.Select(r => r.Hardware).ToArray());
            await group.WriteAsync(fields[2], Values(chunk, r => r.Batch));
            await group.WriteAsync(fields[3], Values(chunk, r => r.WeightBits));
            await group.WriteAsync(fields[4], Values(chunk, r => r.TtftMs));
            await group.WriteAsync(fields[5], Values(chunk, r => r.TpotMs));
            await group.WriteAsync(fields[6], Values(chunk, r => r.ThroughputTps));
            await group.WriteAsync(fields[7], Values(chunk, r => r.MemoryGb));
            await group.WriteAsync(fields[8], Values(chunk, r => r.Fits));
            await group.WriteAsync(fields[9], Values(chunk, r => r.MeetsConstraints));
            await group.WriteAsync(fields[10], new ReadOnlyMemory<double?>([.. chunk.Select(r => r.Cost)]));
            group.CompleteValidate();
        }
    }

    private static ReadOnlyMemory<T> Values<T>(Row[] rows, Func<Row, T> value) => rows.Select(value).ToArray();

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
