using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests;

/// <summary>A million rows in several row groups, compared value for value through per-column digests.</summary>
public sealed class MillionRowTests
{
    private const int Rows = 1_000_000;

    [Fact]
    public async Task A_million_rows_across_several_row_groups_read_back_identically()
    {
        var table = MillionRowTable();
        using var directory = new TempDirectory();
        var path = directory.File("million.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { RowGroupSize = 150_000 });

        // The two readers are independent processes: run them side by side.
        var duckDbRead = Task.Run(() => Readers.DuckDb([path], digest: true)[0]);
        var hyparquetRead = Task.Run(() => Readers.Hyparquet([path], digest: true)[0]);
        var duckDb = await duckDbRead;
        Readers.AssertSameDigests(table, duckDb, "duckdb");
        Readers.AssertDuckDbSchema(table, duckDb);
        var chunks = ChunkMetadata.All(duckDb);
        Assert.Equal(7, chunks.Select(c => c.RowGroup).Distinct().Count());
        Assert.Equal(
            [150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 100_000],
            chunks.Where(c => c.Column == 0).OrderBy(c => c.RowGroup).Select(c => (int)c.Long("row_group_num_rows")!.Value));
        Assert.Contains(chunks, c => c.Text("encodings")!.Contains("RLE_DICTIONARY", StringComparison.Ordinal));
        Assert.Contains(chunks, c => !c.Text("encodings")!.Contains("RLE_DICTIONARY", StringComparison.Ordinal));

        var hyparquet = await hyparquetRead;
        Readers.AssertSameDigests(table, hyparquet, "hyparquet");
        Readers.AssertHyparquetSchema(table, hyparquet);
    }

    /// <summary>Sweep-like columns: ids, dimensions (dictionary), metrics (plain), nullable ones, booleans.</summary>
    private static TestTable MillionRowTable()
    {
        var random = new Random(1_000_000);
        string[] hardware = ["h100-sxm", "a100-80gb", "l40s", "rtx-4090", "mi300x"];
        string[] models = ["llama-2-7b", "llama-3-8b", "llama-3-70b", "mistral-7b"];
        string[] fusions = ["eager", "flash", "full"];
        var fusionIndices = new int[Rows];
        var modelNames = new string[Rows];
        var labels = new string?[Rows];
        var ttft = new double[Rows];
        var tpot = new double[Rows];
        var tpotValid = new bool[Rows];
        var memory = new float[Rows];
        var batch = new int[Rows];
        var fits = new bool[Rows];
        var meets = new bool[Rows];
        var meetsValid = new bool[Rows];
        var finished = new long[Rows];
        for (var i = 0; i < Rows; i++)
        {
            fusionIndices[i] = i % 17 == 0 ? -1 : i / 3 % fusions.Length;
            modelNames[i] = models[i / 1000 % models.Length];
            labels[i] = i % 13 == 0 ? null : $"cfg-{i:x}-{(char)('α' + (i % 20))}";
            ttft[i] = random.NextDouble() * 5000;
            tpot[i] = random.NextDouble() * 80;
            tpotValid[i] = i % 9 != 0;
            memory[i] = (float)(random.Next(1, 800) / 4.0);
            batch[i] = 1 << (i % 8);
            fits[i] = random.Next(4) != 0;
            meets[i] = fits[i] && ttft[i] < 2000;
            meetsValid[i] = i % 7 != 0;
            finished[i] = 1_700_000_000_000_000 + (i * 1_000L);
        }

        return new TestTable(
            TestColumn.Int64("config_id", Enumerable.Range(0, Rows).Select(i => (long)i * 3).ToArray()),
            TestColumn.IndexedString("hardware", hardware, Enumerable.Range(0, Rows).Select(i => i / 200_000).ToArray(), nullable: false),
            TestColumn.String("model", modelNames, nullable: false),
            TestColumn.IndexedString("fusion", fusions, fusionIndices, nullable: true),
            TestColumn.String("label", labels, nullable: true),
            TestColumn.Int32("batch", batch),
            TestColumn.Double("ttft_ms", ttft),
            TestColumn.Double("tpot_ms", tpot, tpotValid),
            TestColumn.Float("memory_gb", memory),
            TestColumn.Boolean("fits", fits),
            TestColumn.Boolean("meets_constraints", meets, meetsValid),
            TestColumn.Timestamp("finished_at", finished));
    }
}
