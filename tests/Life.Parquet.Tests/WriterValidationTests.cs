namespace Life.Parquet.Tests;

/// <summary>Misuse is refused with a clear exception, and mistakes caught before encoding leave the writer usable.</summary>
public sealed class WriterValidationTests
{
    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("id", ParquetType.Int64),
        new ParquetColumn("hardware", ParquetType.String),
        new ParquetColumn("cost", ParquetType.Double, IsNullable: true));

    [Fact]
    public void Columns_must_be_written_in_schema_order_with_matching_types_and_lengths()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, Schema);
        var rowGroup = writer.BeginRowGroup(2);
        Assert.Throws<InvalidOperationException>(() => rowGroup.WriteDouble([1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => rowGroup.WriteInt64([1, 2, 3]));

        // Nothing was encoded by the refused calls: the row group carries on.
        rowGroup.WriteInt64([1, 2]);
        rowGroup.WriteStrings(["h100", "l40s"], [0, 1]);
        rowGroup.WriteDouble([1.5, 0], [true, false]);
        writer.Commit();
        Assert.Equal(2, writer.RowCount);
    }

    [Fact]
    public void A_row_group_must_be_complete_before_the_next_one_or_commit()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, Schema);
        var rowGroup = writer.BeginRowGroup(1);
        rowGroup.WriteInt64([1]);
        Assert.Throws<InvalidOperationException>(() => writer.BeginRowGroup(1));
        Assert.Throws<InvalidOperationException>(writer.Commit);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.BeginRowGroup(0));
    }

    [Fact]
    public void Nulls_in_a_required_column_and_indices_outside_the_dictionary_are_refused()
    {
        using (var stream = new MemoryStream())
        using (var writer = new ParquetFileWriter(stream, Schema))
        {
            Assert.Throws<ArgumentException>(() => writer.BeginRowGroup(2).WriteInt64([1, 2], [true, false]));
        }

        using (var stream = new MemoryStream())
        using (var writer = new ParquetFileWriter(stream, Schema))
        {
            var rowGroup = writer.BeginRowGroup(2);
            rowGroup.WriteInt64([1, 2]);
            Assert.Throws<ArgumentOutOfRangeException>(() => rowGroup.WriteStrings(["only"], [0, 1]));
        }

        using (var stream = new MemoryStream())
        using (var writer = new ParquetFileWriter(stream, Schema))
        {
            var rowGroup = writer.BeginRowGroup(2);
            rowGroup.WriteInt64([1, 2]);
            Assert.Throws<ArgumentException>(() => rowGroup.WriteStrings(["only"], [0, -1]));
        }
    }

    [Fact]
    public void A_batch_checks_types_lengths_schema_and_completeness()
    {
        var batch = new ParquetBatch(Schema, 3);
        Assert.Throws<ArgumentException>(() => batch.SetDouble(0, new double[3]));
        Assert.Throws<ArgumentException>(() => batch.SetInt64(0, new long[2]));
        Assert.Throws<ArgumentException>(() => batch.SetDouble(2, new double[3], new bool[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetInt64(3, new long[3]));
        batch.SetInt64(0, new long[3]).SetStrings(1, new[] { "a", "b", "c" });

        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, Schema);
        Assert.Throws<InvalidOperationException>(() => writer.WriteBatch(batch));
        batch.SetDouble(2, new double[3]);
        Assert.Throws<ArgumentException>(() => writer.WriteBatch(new ParquetBatch(new ParquetSchema(Schema.Columns), 3)));
        writer.WriteBatch(batch);
        writer.Commit();
        Assert.Throws<InvalidOperationException>(() => writer.WriteBatch(batch));
    }

    [Fact]
    public void Schemas_and_options_are_validated_up_front()
    {
        Assert.Throws<ArgumentException>(() => new ParquetSchema());
        Assert.Throws<ArgumentException>(() => new ParquetSchema(new ParquetColumn("a", ParquetType.Int32), new ParquetColumn("a", ParquetType.Double)));
        Assert.Throws<ArgumentException>(() => new ParquetSchema(new ParquetColumn(string.Empty, ParquetType.Int32)));
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetFileWriter(stream, Schema, new ParquetWriterOptions { RowGroupSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParquetFileWriter(stream, Schema, new ParquetWriterOptions { PageSize = 10 }));
        Assert.Throws<ArgumentException>(() => new ParquetFileWriter(stream, Schema, new ParquetWriterOptions { CreatedBy = " " }));
        Assert.Equal(0, stream.Length);
        Assert.Equal(1, Schema.IndexOf("hardware"));
        Assert.Equal(-1, Schema.IndexOf("missing"));
    }
}
