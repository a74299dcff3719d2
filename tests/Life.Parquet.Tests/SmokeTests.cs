using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void A_small_table_round_trips()
    {
        using var directory = new TempDirectory();
        var table = new TestTable(
            TestColumn.Int32("i", [1, 2, 3]),
            TestColumn.Int64("l", [1, -2, 3], [true, false, true]),
            TestColumn.Double("d", [1.5, double.NaN, -0.0]),
            TestColumn.Float("f", [1.5f, 2, 3]),
            TestColumn.Boolean("b", [true, false, true]),
            TestColumn.String("s", ["a", null, "ü"], nullable: true),
            TestColumn.IndexedString("x", ["p", "q"], [1, 1, 0], nullable: false),
            TestColumn.Timestamp("t", [0, 1, 1_700_000_000_000_000]));
        var path = directory.File("small.parquet");
        table.WriteWithBatch(path);
        var duck = Readers.DuckDb(path);
        File.WriteAllText("/tmp/duck.json", duck.ToString());
        Readers.AssertSameRows(table, duck, "duckdb");
        var hyp = Readers.Hyparquet(path);
        File.WriteAllText("/tmp/hyp.json", hyp.ToString());
        Readers.AssertSameRows(table, hyp, "hyparquet");
    }
}
