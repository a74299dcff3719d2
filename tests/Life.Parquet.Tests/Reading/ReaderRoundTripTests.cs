using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests.Reading;

/// <summary>Files written by <see cref="ParquetFileWriter"/> read back value for value by <see cref="ParquetFileReader"/>.</summary>
public sealed class ReaderRoundTripTests
{
    public static TheoryData<ParquetCompression, bool, string> Layouts()
    {
        var data = new TheoryData<ParquetCompression, bool, string>();
        foreach (var codec in new[] { ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Gzip })
        {
            foreach (var nullable in new[] { false, true })
            {
                foreach (var layout in new[] { "one-row-group", "many-row-groups-tiny-pages", "plain-only", "dictionary-fallback" })
                {
                    data.Add(codec, nullable, layout);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_type_reads_back_for_every_codec_nullability_and_layout(ParquetCompression codec, bool nullable, string layout)
    {
        var table = RoundTripTests.AllTypes(rows: 3000, seed: 21, nullable);
        var options = layout switch
        {
            "one-row-group" => new ParquetWriterOptions { Compression = codec },
            "many-row-groups-tiny-pages" => new ParquetWriterOptions { Compression = codec, RowGroupSize = 701, PageSize = 1024 },
            "plain-only" => new ParquetWriterOptions { Compression = codec, EnableDictionary = false, RowGroupSize = 1200 },
            _ => new ParquetWriterOptions { Compression = codec, DictionaryMaxEntries = 3, DictionaryMaxBytes = 16 },
        };
        using var directory = new TempDirectory();
        var path = directory.File("table.parquet");
        table.WriteWithBatch(path, options);

        ReadBack.AssertSameRows(table, path);
    }

    [Fact]
    public void Row_groups_of_uneven_sizes_read_back_with_their_row_counts()
    {
        var table = RoundTripTests.AllTypes(rows: 1 + 7 + 1000 + 3, seed: 22, nullable: true);
        using var directory = new TempDirectory();
        var path = directory.File("uneven.parquet");
        table.WriteWithRowGroups(path, [1, 7, 1000, 3]);

        using (var reader = new ParquetFileReader(path))
        {
            Assert.Equal([1, 7, 1000, 3], Enumerable.Range(0, reader.RowGroupCount).Select(reader.GetRowGroupRowCount));
        }

        ReadBack.AssertSameRows(table, path);
    }

    [Fact]
    public void Columns_that_are_all_null_read_back_as_nulls_and_columns_without_nulls_have_no_validity()
    {
        var none = new bool[50];
        var table = new TestTable(
            TestColumn.Double("all_null", TestData.Doubles(50, 1), none),
            TestColumn.Int64("no_nulls", TestData.Int64s(50, 2), Enumerable.Repeat(true, 50).ToArray()),
            TestColumn.String("all_null_strings", new string?[50], nullable: true),
            TestColumn.IndexedString("all_null_indexed", ["a"], Enumerable.Repeat(-1, 50).ToArray(), nullable: true),
            TestColumn.Boolean("all_null_booleans", TestData.Booleans(50, 3), none));
        using var directory = new TempDirectory();
        var path = directory.File("nulls.parquet");
        table.WriteWithBatch(path);

        ReadBack.AssertSameRows(table, path);
        using var reader = new ParquetFileReader(path);
        Assert.Equal(50, reader.ReadColumn(0, "all_null").NullCount);
        Assert.True(reader.ReadColumn(0, "no_nulls").Validity.IsEmpty);
        Assert.Equal(50, reader.ReadColumn(0, "all_null_indexed").NullCount);
    }

    [Fact]
    public void A_file_with_no_rows_has_its_schema_and_no_row_groups()
    {
        var table = RoundTripTests.AllTypes(rows: 0, seed: 23, nullable: true);
        using var directory = new TempDirectory();
        var path = directory.File("empty.parquet");
        table.WriteWithBatch(path);

        using var reader = new ParquetFileReader(path);
        ReadBack.AssertSameSchema(table.Schema, reader.Schema);
        Assert.Equal(0, reader.RowCount);
        Assert.Equal(0, reader.RowGroupCount);
    }

    [Fact]
    public void Key_value_metadata_and_created_by_read_back_in_order()
    {
        var table = RoundTripTests.AllTypes(rows: 10, seed: 24, nullable: false);
        using var directory = new TempDirectory();
        var path = directory.File("metadata.parquet");
        var spec = "{\"name\": \"ünïcode spec\", \"objectives\": [\"min:tpot_ms\"]}";
        table.WriteWithBatch(path, new ParquetWriterOptions { KeyValueMetadata = [new("life.sweep.spec", spec), new("empty", ""), new("life.sweep.spec_sha256", "abc")] });

        using var reader = new ParquetFileReader(path);
        Assert.Equal(["life.sweep.spec", "empty", "life.sweep.spec_sha256"], reader.KeyValueMetadata.Select(entry => entry.Key));
        Assert.Equal(spec, reader.GetMetadata("life.sweep.spec"));
        Assert.Equal(string.Empty, reader.GetMetadata("empty"));
        Assert.Null(reader.GetMetadata("missing"));
        Assert.Equal(ParquetWriterOptions.DefaultCreatedBy, reader.CreatedBy);
    }

    [Fact]
    public void Strings_of_a_dictionary_chunk_are_decoded_once_per_entry_not_per_row()
    {
        string[] dictionary = ["h100-sxm", "a100-80gb", "l40s"];
        var indices = Enumerable.Range(0, 10_000).Select(i => i % 7 == 0 ? -1 : i % 3).ToArray();
        var table = new TestTable(TestColumn.IndexedString("hardware", dictionary, indices, nullable: true));
        using var directory = new TempDirectory();
        var path = directory.File("dictionary.parquet");
        table.WriteWithBatch(path);

        using var reader = new ParquetFileReader(path);
        var data = reader.ReadColumn(0, 0);
        Assert.Equal(3, data.Dictionary.Length);
        Assert.Equal(dictionary.Order(StringComparer.Ordinal), data.Dictionary.ToArray().Order(StringComparer.Ordinal));
        Assert.Equal(indices.Count(i => i < 0), data.NullCount);
        for (var row = 0; row < indices.Length; row++)
        {
            Assert.Equal(indices[row] < 0 ? null : dictionary[indices[row]], data.GetString(row));
        }
    }

    [Fact]
    public void A_reused_column_buffer_reads_each_row_group_correctly()
    {
        var table = RoundTripTests.AllTypes(rows: 2500, seed: 25, nullable: true);
        using var directory = new TempDirectory();
        var path = directory.File("reuse.parquet");
        table.WriteWithBatch(path, new ParquetWriterOptions { RowGroupSize = 1000 });

        using var reader = new ParquetFileReader(path);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            ParquetColumnData? buffer = null;
            var firstRow = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var data = reader.ReadColumn(g, c, buffer);
                Assert.True(buffer is null || ReferenceEquals(buffer, data));
                buffer = data;
                for (var row = 0; row < data.RowCount; row++)
                {
                    Assert.Equal(table.Columns[c].ExpectedToken(firstRow + row), ReadBack.Token(data, row));
                }

                firstRow += data.RowCount;
            }
        }
    }

    [Fact]
    public void Reading_some_columns_reads_only_their_chunks_bytes()
    {
        var table = RoundTripTests.AllTypes(rows: 20_000, seed: 26, nullable: true);
        using var memory = new MemoryStream();
        using (var writer = new ParquetFileWriter(memory, table.Schema, new ParquetWriterOptions { RowGroupSize = 5000 }))
        {
            var batch = new ParquetBatch(table.Schema, table.RowCount);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                table.Columns[i].SetIn(batch, i);
            }

            writer.WriteBatch(batch);
            writer.Commit();
        }

        using var counting = new CountingStream(new MemoryStream(memory.ToArray()));
        using var reader = new ParquetFileReader(counting, "memory", leaveOpen: true);
        Assert.True(counting.BytesRead < 16 * 1024, $"opening read {counting.BytesRead} bytes");
        var perColumn = new long[table.Columns.Count];
        for (var c = 0; c < perColumn.Length; c++)
        {
            var before = counting.BytesRead;
            reader.ReadColumn(2, c);
            perColumn[c] = counting.BytesRead - before;
        }

        var start = counting.BytesRead;
        var columns = reader.ReadColumns(2, ["double", "indexed_string"]);

        Assert.Equal(["double", "indexed_string"], columns.Select(c => c.Column.Name));
        Assert.Equal(perColumn[3] + perColumn[7], counting.BytesRead - start);
        Assert.True(perColumn[3] + perColumn[7] < perColumn.Sum() / 2);
        for (var row = 0; row < 5000; row++)
        {
            Assert.Equal(table.Columns[3].ExpectedToken(10_000 + row), ReadBack.Token(columns[0], row));
            Assert.Equal(table.Columns[7].ExpectedToken(10_000 + row), ReadBack.Token(columns[1], row));
        }
    }

    [Fact]
    public void Random_schemas_data_and_options_read_back_identically()
    {
        var random = new Random(20260301);
        for (var i = 0; i < 120; i++)
        {
            var rows = random.Next(4) == 0 ? random.Next(0, 5) : random.Next(1, 3000);
            var columns = Enumerable.Range(0, random.Next(1, 7)).Select(c => RandomColumn(random, $"c{c}", rows)).ToArray();
            var table = new TestTable(columns);
            var options = new ParquetWriterOptions
            {
                Compression = (ParquetCompression)random.Next(3),
                RowGroupSize = random.Next(2) == 0 ? random.Next(1, 20) : random.Next(20, 4000),
                PageSize = random.Next(2) == 0 ? 1024 : 1 << 20,
                EnableDictionary = random.Next(4) != 0,
                DictionaryMaxEntries = random.Next(2) == 0 ? 2 : 65536,
            };
            using var directory = new TempDirectory();
            var path = directory.File($"case-{i}.parquet");
            table.WriteWithBatch(path, options);

            ReadBack.AssertSameRows(table, path);
        }
    }

    private static TestColumn RandomColumn(Random random, string name, int rows)
    {
        var seed = random.Next();
        var validity = random.Next(2) == 0 ? TestData.Validity(rows, seed) : null;
        return random.Next(9) switch
        {
            0 => TestColumn.Int32(name, TestData.Int32s(rows, seed), validity),
            1 => TestColumn.Int64(name, TestData.Int64s(rows, seed), validity),
            2 => TestColumn.Float(name, TestData.Floats(rows, seed), validity),
            3 => TestColumn.Double(name, TestData.Doubles(rows, seed), validity),
            4 => TestColumn.Boolean(name, TestData.Booleans(rows, seed), validity),
            5 => TestColumn.Timestamp(name, TestData.Timestamps(rows, seed), validity),
            6 => TestColumn.String(name, validity is null ? TestData.Strings(rows, seed) : TestData.WithNulls(TestData.Strings(rows, seed), validity), validity is not null),
            7 => TestColumn.String(name, validity is null ? TestData.FewStrings(rows, seed) : TestData.WithNulls(TestData.FewStrings(rows, seed), validity), validity is not null),
            _ => TestColumn.Int32(name, Enumerable.Range(0, rows).Select(r => r / 5 % 3).ToArray(), validity),
        };
    }
}
