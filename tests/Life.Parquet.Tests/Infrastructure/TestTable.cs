using System.Security.Cryptography;
using System.Text;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>Test columns of equal length, the schema they make, and ways to write them.</summary>
internal sealed class TestTable
{
    public TestTable(params IEnumerable<TestColumn> columns)
    {
        Columns = [.. columns];
        Schema = new ParquetSchema(Columns.Select(column => column.Column));
        RowCount = Columns[0].RowCount;
        if (Columns.Any(column => column.RowCount != RowCount))
        {
            throw new ArgumentException("Columns differ in length.");
        }
    }

    public IReadOnlyList<TestColumn> Columns { get; }

    public ParquetSchema Schema { get; }

    public int RowCount { get; }

    /// <summary>Writes through <see cref="ParquetFileWriter.WriteBatch"/> (row groups of options.RowGroupSize).</summary>
    public void WriteWithBatch(string path, ParquetWriterOptions? options = null)
    {
        using var writer = new ParquetFileWriter(path, Schema, options);
        var batch = new ParquetBatch(Schema, RowCount);
        for (var i = 0; i < Columns.Count; i++)
        {
            Columns[i].SetIn(batch, i);
        }

        writer.WriteBatch(batch);
        writer.Commit();
    }

    /// <summary>Writes through the row-group API, one row group per entry of <paramref name="rowGroupSizes"/>.</summary>
    public void WriteWithRowGroups(string path, IReadOnlyList<int> rowGroupSizes, ParquetWriterOptions? options = null)
    {
        using var writer = new ParquetFileWriter(path, Schema, options);
        var start = 0;
        foreach (var size in rowGroupSizes)
        {
            var rowGroup = writer.BeginRowGroup(size);
            foreach (var column in Columns)
            {
                column.Write(rowGroup, start, size);
            }

            start += size;
        }

        writer.Commit();
    }

    /// <summary>The digest the reader scripts compute for a column (see canonical.mjs).</summary>
    public string ExpectedDigest(int column)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var testColumn = Columns[column];
        for (var row = 0; row < RowCount; row++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(testColumn.ExpectedToken(row)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
