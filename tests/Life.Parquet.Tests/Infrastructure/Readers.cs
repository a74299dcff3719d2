using System.Text.Json;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>
/// The two independent readers — DuckDB and hyparquet — driven through the node scripts, and the
/// assertions that what they read is what was written.
/// </summary>
internal static class Readers
{
    /// <summary>DuckDB's reading of the files (one node process for all of them).</summary>
    public static JsonElement[] DuckDb(IEnumerable<string> files, bool digest = false, params IEnumerable<string> sql)
    {
        var arguments = new List<string>();
        if (digest)
        {
            arguments.Add("--digest");
        }

        foreach (var query in sql)
        {
            arguments.Add("--sql");
            arguments.Add(query);
        }

        arguments.AddRange(files);
        return [.. NodeScript.Run("duckdb-read.mjs", arguments).EnumerateArray()];
    }

    public static JsonElement DuckDb(string file, params IEnumerable<string> sql) => DuckDb([file], false, sql)[0];

    /// <summary>hyparquet's reading of the files (one node process for all of them).</summary>
    public static JsonElement[] Hyparquet(IEnumerable<string> files, bool digest = false)
    {
        var arguments = new List<string>();
        if (digest)
        {
            arguments.Add("--digest");
        }

        arguments.AddRange(files);
        return [.. NodeScript.Run("hyparquet-read.mjs", arguments).EnumerateArray()];
    }

    public static JsonElement Hyparquet(string file) => Hyparquet([file])[0];

    public static string DuckDbTypeOf(ParquetType type) => type switch
    {
        ParquetType.Boolean => "BOOLEAN",
        ParquetType.Int32 => "INTEGER",
        ParquetType.Int64 => "BIGINT",
        ParquetType.Float => "FLOAT",
        ParquetType.Double => "DOUBLE",
        ParquetType.String => "VARCHAR",
        _ => "TIMESTAMP WITH TIME ZONE",
    };

    /// <summary>Names and order of columns, row count and every value, token by token.</summary>
    public static void AssertSameRows(TestTable table, JsonElement result, string reader)
    {
        var columns = result.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
        Assert.Equal(table.Columns.Select(c => c.Column.Name), columns);
        Assert.Equal(table.RowCount, result.GetProperty("rowCount").GetInt32());
        var rows = result.GetProperty("rows");
        Assert.Equal(table.RowCount, rows.GetArrayLength());
        var row = 0;
        foreach (var values in rows.EnumerateArray())
        {
            var column = 0;
            foreach (var value in values.EnumerateArray())
            {
                var testColumn = table.Columns[column];
                var expected = testColumn.ExpectedToken(row);
                var actual = ValueToken.FromJson(value, testColumn.Column.Type);
                if (expected != actual)
                {
                    Assert.Fail($"{reader}: row {row}, column '{testColumn.Column.Name}': expected {expected} but read {actual}.");
                }

                column++;
            }

            row++;
        }
    }

    /// <summary>Row count, and per column the value count, null count and digest of every value.</summary>
    public static void AssertSameDigests(TestTable table, JsonElement result, string reader)
    {
        Assert.Equal(table.RowCount, result.GetProperty("rowCount").GetInt32());
        var digests = result.GetProperty("digests").EnumerateArray().ToArray();
        Assert.Equal(table.Columns.Count, digests.Length);
        for (var i = 0; i < digests.Length; i++)
        {
            var column = table.Columns[i];
            var expectedNulls = Enumerable.Range(0, table.RowCount).Count(column.IsNull);
            Assert.Equal(column.Column.Name, digests[i].GetProperty("name").GetString());
            Assert.Equal(table.RowCount, digests[i].GetProperty("count").GetInt32());
            Assert.Equal(expectedNulls, digests[i].GetProperty("nulls").GetInt32());
            Assert.True(
                table.ExpectedDigest(i) == digests[i].GetProperty("sha256").GetString(),
                $"{reader}: the values of column '{column.Column.Name}' differ from those written.");
        }
    }

    /// <summary>DuckDB's column types and parquet_schema's repetition match the schema written.</summary>
    public static void AssertDuckDbSchema(TestTable table, JsonElement result)
    {
        var types = result.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToArray();
        Assert.Equal(table.Columns.Select(c => DuckDbTypeOf(c.Column.Type)), types);
        var leaves = result.GetProperty("schema").EnumerateArray().Skip(1).ToArray();
        Assert.Equal(
            table.Columns.Select(c => (c.Column.Name, c.Column.IsNullable ? "OPTIONAL" : "REQUIRED")),
            leaves.Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("repetition_type").GetString()!)));
    }

    /// <summary>hyparquet sees the same physical types and repetition.</summary>
    public static void AssertHyparquetSchema(TestTable table, JsonElement result)
    {
        var columns = result.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(
            table.Columns.Select(c => (c.Column.Name, PhysicalName(c.Column.Type), c.Column.IsNullable ? "OPTIONAL" : "REQUIRED")),
            columns.Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!, c.GetProperty("repetition").GetString()!)));
    }

    public static string PhysicalName(ParquetType type) => type switch
    {
        ParquetType.Boolean => "BOOLEAN",
        ParquetType.Int32 => "INT32",
        ParquetType.Int64 or ParquetType.TimestampMicros => "INT64",
        ParquetType.Float => "FLOAT",
        ParquetType.Double => "DOUBLE",
        _ => "BYTE_ARRAY",
    };
}
