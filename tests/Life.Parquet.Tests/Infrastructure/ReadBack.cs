using System.Text.Json;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>What <see cref="ParquetFileReader"/> reads, as the value tokens the other readers are compared by.</summary>
internal static class ReadBack
{
    public static string Token(ParquetColumnData data, int row)
    {
        if (data.IsNull(row))
        {
            return ValueToken.Null;
        }

        return data.Column.Type switch
        {
            ParquetType.Int32 => ValueToken.ForNumber(data.Int32s[row]),
            ParquetType.Int64 or ParquetType.TimestampMicros => ValueToken.ForInteger(data.Int64s[row]),
            ParquetType.Float => ValueToken.ForNumber(data.Floats[row]),
            ParquetType.Double => ValueToken.ForNumber(data.Doubles[row]),
            ParquetType.Boolean => ValueToken.ForBoolean(data.Booleans[row]),
            _ => ValueToken.ForString(data.GetString(row)!),
        };
    }

    /// <summary>Every value of the file, row group by row group, equals what the table wrote.</summary>
    public static void AssertSameRows(TestTable table, string path)
    {
        using var reader = new ParquetFileReader(path);
        AssertSameSchema(table.Schema, reader.Schema);
        Assert.Equal(table.RowCount, reader.RowCount);
        var firstRow = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var data = reader.ReadColumn(g, c);
                Assert.Equal(reader.GetRowGroupRowCount(g), data.RowCount);
                for (var row = 0; row < data.RowCount; row++)
                {
                    var expected = table.Columns[c].ExpectedToken(firstRow + row);
                    var actual = Token(data, row);
                    if (expected != actual)
                    {
                        Assert.Fail($"row {firstRow + row}, column '{data.Column.Name}': wrote {expected} but read {actual}.");
                    }
                }
            }

            firstRow += reader.GetRowGroupRowCount(g);
        }

        Assert.Equal(table.RowCount, firstRow);
    }

    /// <summary>Every value we read equals DuckDB's reading of the same file (rows as canonical JSON).</summary>
    public static void AssertSameAsDuckDb(string path, JsonElement duckDb)
    {
        using var reader = new ParquetFileReader(path);
        var rows = duckDb.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, reader.RowCount);
        Assert.Equal(
            duckDb.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            reader.Schema.Columns.Select(c => c.Name));
        var firstRow = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            for (var c = 0; c < reader.Schema.Count; c++)
            {
                var data = reader.ReadColumn(g, c);
                for (var row = 0; row < data.RowCount; row++)
                {
                    var expected = ValueToken.FromJson(rows[firstRow + row][c], data.Column.Type);
                    var actual = Token(data, row);
                    if (expected != actual)
                    {
                        Assert.Fail($"row {firstRow + row}, column '{data.Column.Name}': DuckDB read {expected}, we read {actual}.");
                    }
                }
            }

            firstRow += reader.GetRowGroupRowCount(g);
        }
    }

    public static void AssertSameSchema(ParquetSchema expected, ParquetSchema actual) =>
        Assert.Equal(expected.Columns, actual.Columns);
}
