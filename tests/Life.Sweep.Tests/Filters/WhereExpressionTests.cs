using Life.Sweep.Filters;
using Life.Parquet;

namespace Life.Sweep.Tests.Filters;

/// <summary>
/// `--where` expressions parsed, bound to a result-like schema, and evaluated on a Parquet file
/// of 400 rows against the same condition written as C#, with SQL's treatment of nulls.
/// </summary>
public sealed class WhereExpressionTests : IDisposable
{
    private static readonly string[] Hardware = ["h100-sxm", "a100-80gb", "l40s", "it's"];
    private static readonly string[] Models = ["llama-2-7b", "mistral-7b"];
    private static readonly Row[] Rows = [.. Enumerable.Range(0, 400).Select(MakeRow)];

    private readonly string _directory = Directory.CreateTempSubdirectory("life-where-tests-").FullName;
    private readonly string _file;

    public WhereExpressionTests()
    {
        _file = Path.Combine(_directory, "rows.parquet");
        WriteRows(_file);
    }

    public static TheoryData<string, Func<Row, bool?>> Good => new()
    {
        { "fits", r => r.Fits },
        { "meets_constraints", r => r.MeetsConstraints },
        { "fits and ttft_ms < 2000 and hardware = 'h100-sxm'", r => r.Fits && r.TtftMs < 2000 && r.Hardware == "h100-sxm" },
        { "batch >= 8 or model != 'llama-2-7b'", r => r.Batch >= 8 || r.Model != "llama-2-7b" },
        { "not fits", r => !r.Fits },
        { "(batch = 1 || batch = 64) && !fits", r => (r.Batch == 1 || r.Batch == 64) && !r.Fits },
        { "ttft_ms <= 500.5", r => r.TtftMs <= 500.5 },
        { "2000 > ttft_ms", r => r.TtftMs < 2000 },
        { "cost_per_mtok < 1", r => r.Cost is { } c ? c < 1 : null },
        { "not (cost_per_mtok < 1)", r => r.Cost is { } c ? !(c < 1) : null },
        { "cost_per_mtok is null", r => r.Cost is null },
        { "cost_per_mtok is not null or fits", r => r.Cost is not null || r.Fits },
        { "cost_per_mtok < 1 or fits", r => r.Cost is { } c && c < 1 || r.Fits ? true : r.Cost is null ? null : false },
        { "cost_per_mtok < 1 and fits", r => r.Fits ? (r.Cost is { } c ? c < 1 : null) : false },
        { "weight_bits = 4.5", r => r.WeightBits == 4.5 },
        { "weight_bits == 16", r => r.WeightBits == 16 },
        { "fits = false", r => !r.Fits },
        { "fits != true", r => !r.Fits },
        { "fits = meets_constraints", r => r.Fits == r.MeetsConstraints },
        { "hardware <> 'l40s'", r => r.Hardware != "l40s" },
        { "HARDWARE = 'h100-sxm' AND Batch > 1", r => r.Hardware == "h100-sxm" && r.Batch > 1 },
        { "ttft_ms < e2e_ms", r => r.TtftMs < r.E2eMs },
        { "config_id >= 100 and config_id < 150", r => r.ConfigId is >= 100 and < 150 },
        { "hardware = 'it''s'", r => r.Hardware == "it's" },
        { "note = 'x' or not note = 'x'", r => r.Note is null ? null : true },
        { "note = hardware", r => r.Note is null ? null : r.Note == r.Hardware },
        { "batch > -1 and ttft_ms > 1e3", r => r.TtftMs > 1000 },
        { "not not fits", r => r.Fits },
        { "fits or batch = 1 and hardware = 'l40s'", r => r.Fits || (r.Batch == 1 && r.Hardware == "l40s") },
    };

    public static TheoryData<string, string> Bad => new()
    {
        { "", "the expression is empty" },
        { "   ", "the expression is empty" },
        { "ttft < 5", "unknown column 'ttft' at position 1 (columns: config_id, hardware, model, weight_bits, batch, ttft_ms, e2e_ms, fits, meets_constraints, cost_per_mtok, note)" },
        { "hardware = 5", "column 'hardware' holds text and cannot be compared with the number 5 (as in hardware = 'h100-sxm')" },
        { "ttft_ms > 'fast'", "column 'ttft_ms' holds numbers and cannot be compared with the string 'fast' (as in ttft_ms < 2000)" },
        { "fits = 1", "column 'fits' holds true/false and cannot be compared with the number 1 (as in fits = true)" },
        { "hardware < 'b'", "column 'hardware' holds text: only = and != compare it, not <" },
        { "fits >= true", "column 'fits' holds true/false: only = and != compare it, not >=" },
        { "ttft_ms", "column 'ttft_ms' is not true/false, so it cannot stand alone: compare it, as in ttft_ms > 0" },
        { "fits and hardware", "column 'hardware' is not true/false, so it cannot stand alone: compare it, as in hardware = 'value'" },
        { "1 < 2", "the number 1 and the number 2 at position 1 are both constants: compare a column" },
        { "true", "true at position 1 is not a condition: compare a column with it" },
        { "fits and", "expected a column, number, 'string', true or false at position 9, found the end" },
        { "fits and or fits", "expected a column, number, 'string', true or false at position 10, found 'or'" },
        { "(fits", "the '(' at position 1 is not closed: found the end at position 6" },
        { "fits)", "unexpected ')' at position 5; expected and, or, or the end" },
        { "fits fits", "unexpected 'fits' at position 6; expected and, or, or the end" },
        { "hardware = 'h100", "the string starting at position 12 has no closing quote" },
        { "ttft_ms < 10ms", "'10ms' at position 11 is not a number" },
        { "ttft_ms # 3", "unexpected character '#' at position 9" },
        { "cost_per_mtok is 5", "expected null after 'is' at position 18, found '5'" },
        { "ttft_ms < hardware", "column 'ttft_ms' (numbers) cannot be compared with column 'hardware' (text)" },
        { "5 is null", "the number 5 at position 1 is not a column and cannot be is null" },
        { "ttft_ms < e2e_ms / 1", "unexpected character '/' at position 18" },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void A_valid_expression_selects_the_rows_the_same_condition_selects_in_csharp(string text, Func<Row, bool?> condition)
    {
        var expected = Rows.Select(r => condition(r) == true).ToArray();

        var actual = Evaluate(text);

        Assert.Equal(expected, actual);
        Assert.Contains(true, actual);
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void An_invalid_expression_is_refused_with_a_message_naming_the_column_or_position(string text, string message)
    {
        var error = Assert.Throws<WhereSyntaxException>(() => Evaluate(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_filter_reads_only_the_columns_the_expression_names_in_the_schema_spelling()
    {
        using var reader = new ParquetFileReader(_file);

        var filter = WhereExpression.Parse("FITS and Ttft_Ms < 9 or fits").Bind(reader.Schema);

        Assert.Equal(["fits", "ttft_ms"], filter.Columns);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private bool[] Evaluate(string text)
    {
        using var reader = new ParquetFileReader(_file);
        var filter = WhereExpression.Parse(text).Bind(reader.Schema);
        var result = new List<bool>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var columns = reader.ReadColumns(g, filter.Columns);
            var matches = new bool[reader.GetRowGroupRowCount(g)];
            filter.Evaluate(columns, matches);
            result.AddRange(matches);
        }

        return [.. result];
    }

    private static Row MakeRow(int i) => new(
        ConfigId: i,
        Hardware: Hardware[i % Hardware.Length],
        Model: Models[i / 7 % Models.Length],
        WeightBits: new[] { 16, 8, 4.5 }[i / 3 % 3],
        Batch: new[] { 1, 8, 64 }[i / 5 % 3],
        TtftMs: (i * 37 % 4000) + 0.5,
        E2eMs: (i * 53 % 5000) + 0.25,
        Fits: i % 3 != 0,
        MeetsConstraints: i % 5 < 2,
        Cost: i % 6 == 0 ? null : i % 13 / 6.0,
        Note: i % 4 == 0 ? null : i % 8 == 1 ? "x" : Hardware[i / 2 % Hardware.Length]);

    private static void WriteRows(string path)
    {
        var schema = new ParquetSchema(
            new ParquetColumn("config_id", ParquetType.Int64),
            new ParquetColumn("hardware", ParquetType.String),
            new ParquetColumn("model", ParquetType.String),
            new ParquetColumn("weight_bits", ParquetType.Double),
            new ParquetColumn("batch", ParquetType.Int32),
            new ParquetColumn("ttft_ms", ParquetType.Double),
            new ParquetColumn("e2e_ms", ParquetType.Double),
            new ParquetColumn("fits", ParquetType.Boolean),
            new ParquetColumn("meets_constraints", ParquetType.Boolean),
            new ParquetColumn("cost_per_mtok", ParquetType.Double, IsNullable: true),
            new ParquetColumn("note", ParquetType.String, IsNullable: true));
        using var writer = new ParquetFileWriter(path, schema, new ParquetWriterOptions { RowGroupSize = 150 });
        var batch = new ParquetBatch(schema, Rows.Length)
            .SetInt64(0, Rows.Select(r => r.ConfigId).ToArray())
            .SetStrings(1, Rows.Select(r => (string?)r.Hardware).ToArray())
            .SetStrings(2, Rows.Select(r => (string?)r.Model).ToArray())
            .SetDouble(3, Rows.Select(r => r.WeightBits).ToArray())
            .SetInt32(4, Rows.Select(r => r.Batch).ToArray())
            .SetDouble(5, Rows.Select(r => r.TtftMs).ToArray())
            .SetDouble(6, Rows.Select(r => r.E2eMs).ToArray())
            .SetBoolean(7, Rows.Select(r => r.Fits).ToArray())
            .SetBoolean(8, Rows.Select(r => r.MeetsConstraints).ToArray())
            .SetDouble(9, Rows.Select(r => r.Cost ?? 0).ToArray(), Rows.Select(r => r.Cost is not null).ToArray())
            .SetStrings(10, Rows.Select(r => r.Note).ToArray());
        writer.WriteBatch(batch);
        writer.Commit();
    }

    /// <summary>One row of the test file.</summary>
    public sealed record Row(
        long ConfigId, string Hardware, string Model, double WeightBits, int Batch, double TtftMs, double E2eMs, bool Fits, bool MeetsConstraints, double? Cost, string? Note);
}
