using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests;

/// <summary>
/// Random schemas, data and options, written and read back identically by both readers. The
/// cases come from FsCheck generators with a fixed seed, and are checked in one batch per
/// reader (a node process per case would be too slow), so a failure names the case but does
/// not shrink it.
/// </summary>
public sealed class PropertyRoundTripTests
{
    private const int Cases = 60;

    [Fact]
    public void Random_schemas_and_data_read_back_identically_with_duckdb_and_hyparquet()
    {
        var cases = Gen.Sample(Case(), 40, new Rnd(20260101UL), Cases);
        using var directory = new TempDirectory();
        var files = new List<string>();
        for (var i = 0; i < cases.Length; i++)
        {
            var path = directory.File($"case-{i:D3}.parquet");
            cases[i].Table.WriteWithBatch(path, cases[i].Options);
            files.Add(path);
        }

        var duckDb = Readers.DuckDb(files);
        var hyparquet = Readers.Hyparquet(files);
        for (var i = 0; i < cases.Length; i++)
        {
            var description = $"case {i}: {cases[i]}";
            Assert.Multiple(
                () => Readers.AssertSameRows(cases[i].Table, duckDb[i], $"duckdb, {description}"),
                () => Readers.AssertDuckDbSchema(cases[i].Table, duckDb[i]),
                () => Readers.AssertSameRows(cases[i].Table, hyparquet[i], $"hyparquet, {description}"),
                () => Readers.AssertHyparquetSchema(cases[i].Table, hyparquet[i]));
        }
    }

    [Fact]
    public void Random_tables_are_written_byte_for_byte_the_same_every_time()
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(100),
            Prop.ForAll(Case().ToArbitrary(), testCase =>
            {
                using var first = new MemoryStream();
                using var second = new MemoryStream();
                Write(testCase, first);
                Write(testCase, second);
                return first.ToArray().AsSpan().SequenceEqual(second.ToArray());
            }));
    }

    private static void Write(RandomCase testCase, Stream stream)
    {
        using var writer = new ParquetFileWriter(stream, testCase.Table.Schema, testCase.Options);
        var batch = new ParquetBatch(testCase.Table.Schema, testCase.Table.RowCount);
        for (var i = 0; i < testCase.Table.Columns.Count; i++)
        {
            testCase.Table.Columns[i].SetIn(batch, i);
        }

        writer.WriteBatch(batch);
        writer.Commit();
    }

    private static Gen<RandomCase> Case() =>
        from rows in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 20)), (6, Gen.Choose(1, 3000)))
        from columnCount in Gen.Choose(1, 8)
        from columns in Gen.ArrayOf(Column(rows), columnCount)
        from codec in Gen.Elements(ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Gzip)
        from rowGroupSize in Gen.Frequency((1, Gen.Choose(1, 10)), (3, Gen.Choose(11, 4000)))
        from pageSize in Gen.Elements(1024, 4096, 1 << 20)
        from dictionary in Gen.Elements(true, false)
        from maxEntries in Gen.Elements(2, 50, 65536)
        select new RandomCase(
            new TestTable(columns.Select((column, i) => column(i))),
            new ParquetWriterOptions
            {
                Compression = codec,
                RowGroupSize = rowGroupSize,
                PageSize = pageSize,
                EnableDictionary = dictionary,
                DictionaryMaxEntries = maxEntries,
            });

    /// <summary>A column of <paramref name="rows"/> values of a random type, maybe nullable, named by its index.</summary>
    private static Gen<Func<int, TestColumn>> Column(int rows) =>
        from type in Gen.Elements(Enum.GetValues<ParquetType>())
        from nullable in Gen.Elements(true, false)
        from validity in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true))), rows)
        from lowCardinality in Gen.Elements(true, false)
        from data in Values(type, rows, lowCardinality)
        select (Func<int, TestColumn>)(index => data($"c{index}_{type}", nullable ? validity : null));

    private static Gen<Func<string, bool[]?, TestColumn>> Values(ParquetType type, int rows, bool lowCardinality)
    {
        Gen<T> Pick<T>(Gen<T> any, params T[] few) => lowCardinality ? Gen.Elements(few) : Gen.Frequency((1, Gen.Elements(few)), (4, any));

        switch (type)
        {
            case ParquetType.Int32:
                return Gen.ArrayOf(Pick(ArbMap.Default.GeneratorFor<int>(), 0, -1, int.MaxValue, int.MinValue), rows)
                    .Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.Int32(name, v, validity)));
            case ParquetType.Int64:
                return Gen.ArrayOf(Pick(ArbMap.Default.GeneratorFor<long>(), 0L, long.MinValue, long.MaxValue, 1L << 40), rows)
                    .Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.Int64(name, v, validity)));
            case ParquetType.TimestampMicros:
                return Gen.ArrayOf(Pick(Gen.Choose(-1_000_000, 1_000_000).Select(s => s * 1_000_003L), 0L, -1L, 1_700_000_000_000_000L), rows)
                    .Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.Timestamp(name, v, validity)));
            case ParquetType.Float:
                return Gen.ArrayOf(Pick(ArbMap.Default.GeneratorFor<float>(), 0f, -0f, float.NaN, float.NegativeInfinity, 2.5f), rows)
                    .Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.Float(name, v, validity)));
            case ParquetType.Double:
                return Gen.ArrayOf(Pick(ArbMap.Default.GeneratorFor<double>(), 0.0, -0.0, double.NaN, double.PositiveInfinity, 4.5, 16.0), rows)
                    .Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.Double(name, v, validity)));
            case ParquetType.Boolean:
                return Gen.ArrayOf(Gen.Elements(true, false), rows)
                    .Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.Boolean(name, v, validity)));
            default:
                var strings = Pick(Text(), "", "eager", "flash", "日本語", "😀");
                return Gen.Elements(true, false).SelectMany(indexed => indexed
                    ? Gen.ArrayOf(strings, 6).SelectMany(dictionary => Gen.ArrayOf(Gen.Choose(0, 5), rows).Select(indices =>
                        (Func<string, bool[]?, TestColumn>)((name, validity) => TestColumn.IndexedString(
                            name, dictionary, [.. indices.Select((index, row) => validity is null || validity[row] ? index : -1)], validity is not null))))
                    : Gen.ArrayOf(strings, rows).Select(v => (Func<string, bool[]?, TestColumn>)((name, validity) =>
                        TestColumn.String(name, validity is null ? v : Infrastructure.TestData.WithNulls(v, validity), validity is not null))));
        }
    }

    /// <summary>Valid UTF-16 text (no unpaired surrogates) from all planes, up to 40 characters.</summary>
    private static Gen<string> Text() =>
        Gen.ArrayOf(Gen.Frequency(
                (6, Gen.Choose(0x20, 0x7E)),
                (2, Gen.Choose(0xA0, 0xD7FF)),
                (1, Gen.Choose(0xE000, 0xFFFF)),
                (1, Gen.Choose(0x10000, 0x10FFFF)),
                (1, Gen.Choose(0, 0x1F))))
            .Select(codePoints => string.Concat(codePoints.Take(40).Select(char.ConvertFromUtf32)));

    private sealed record RandomCase(TestTable Table, ParquetWriterOptions Options)
    {
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(Table.RowCount).Append(" rows, ").Append(Options.Compression).Append(", row groups of ").Append(Options.RowGroupSize)
                .Append(", pages of ").Append(Options.PageSize).Append(", dictionary ").Append(Options.EnableDictionary)
                .Append(" (max ").Append(Options.DictionaryMaxEntries).Append("), columns: ")
                .AppendJoin(", ", Table.Columns.Select(c => $"{c.Column.Name}{(c.Column.IsNullable ? "?" : string.Empty)}"));
            return text.ToString();
        }
    }
}
