namespace Life.Parquet.Tests.Infrastructure;

/// <summary>
/// A column of test data as the writer gets it: typed values plus validity, or strings as
/// (dictionary, indices). Knows the token a reader should give back for every row.
/// </summary>
internal sealed class TestColumn
{
    private TestColumn(ParquetColumn column, int rowCount)
    {
        Column = column;
        RowCount = rowCount;
    }

    public ParquetColumn Column { get; }

    public int RowCount { get; }

    public int[]? Int32s { get; private init; }

    public long[]? Int64s { get; private init; }

    public float[]? Floats { get; private init; }

    public double[]? Doubles { get; private init; }

    public bool[]? Booleans { get; private init; }

    public string?[]? Strings { get; private init; }

    public string[]? Dictionary { get; private init; }

    public int[]? Indices { get; private init; }

    public bool[]? Validity { get; private init; }

    public static TestColumn Int32(string name, int[] values, bool[]? validity = null) =>
        new(new ParquetColumn(name, ParquetType.Int32, validity is not null), values.Length) { Int32s = values, Validity = validity };

    public static TestColumn Int64(string name, long[] values, bool[]? validity = null) =>
        new(new ParquetColumn(name, ParquetType.Int64, validity is not null), values.Length) { Int64s = values, Validity = validity };

    public static TestColumn Timestamp(string name, long[] micros, bool[]? validity = null) =>
        new(new ParquetColumn(name, ParquetType.TimestampMicros, validity is not null), micros.Length) { Int64s = micros, Validity = validity };

    public static TestColumn Float(string name, float[] values, bool[]? validity = null) =>
        new(new ParquetColumn(name, ParquetType.Float, validity is not null), values.Length) { Floats = values, Validity = validity };

    public static TestColumn Double(string name, double[] values, bool[]? validity = null) =>
        new(new ParquetColumn(name, ParquetType.Double, validity is not null), values.Length) { Doubles = values, Validity = validity };

    public static TestColumn Boolean(string name, bool[] values, bool[]? validity = null) =>
        new(new ParquetColumn(name, ParquetType.Boolean, validity is not null), values.Length) { Booleans = values, Validity = validity };

    public static TestColumn String(string name, string?[] values, bool nullable) =>
        new(new ParquetColumn(name, ParquetType.String, nullable), values.Length) { Strings = values };

    public static TestColumn IndexedString(string name, string[] dictionary, int[] indices, bool nullable) =>
        new(new ParquetColumn(name, ParquetType.String, nullable), indices.Length) { Dictionary = dictionary, Indices = indices };

    /// <summary>The first <paramref name="count"/> rows of an indexed string column.</summary>
    public TestColumn Sliced(int count) =>
        new(Column, count) { Dictionary = Dictionary, Indices = Indices![..count], Validity = Validity?[..count] };

    public bool IsNull(int row) =>
        (Validity is not null && !Validity[row]) || (Strings is not null && Strings[row] is null) || (Indices is not null && Indices[row] < 0);

    public string ExpectedToken(int row)
    {
        if (IsNull(row))
        {
            return ValueToken.Null;
        }

        return Column.Type switch
        {
            ParquetType.Int32 => ValueToken.ForNumber(Int32s![row]),
            ParquetType.Int64 or ParquetType.TimestampMicros => ValueToken.ForInteger(Int64s![row]),
            ParquetType.Float => ValueToken.ForNumber(Floats![row]),
            ParquetType.Double => ValueToken.ForNumber(Doubles![row]),
            ParquetType.Boolean => ValueToken.ForBoolean(Booleans![row]),
            _ => ValueToken.ForString(Strings is not null ? Strings[row]! : Dictionary![Indices![row]]),
        };
    }

    /// <summary>Writes rows [start, start + count) as the row group's next column.</summary>
    public void Write(ParquetRowGroupWriter rowGroup, int start, int count)
    {
        var validity = Validity is null ? default : Validity.AsSpan(start, count);
        switch (Column.Type)
        {
            case ParquetType.Int32:
                rowGroup.WriteInt32(Int32s.AsSpan(start, count), validity);
                break;
            case ParquetType.Int64 or ParquetType.TimestampMicros:
                rowGroup.WriteInt64(Int64s.AsSpan(start, count), validity);
                break;
            case ParquetType.Float:
                rowGroup.WriteFloat(Floats.AsSpan(start, count), validity);
                break;
            case ParquetType.Double:
                rowGroup.WriteDouble(Doubles.AsSpan(start, count), validity);
                break;
            case ParquetType.Boolean:
                rowGroup.WriteBoolean(Booleans.AsSpan(start, count), validity);
                break;
            default:
                if (Strings is not null)
                {
                    rowGroup.WriteStrings(Strings.AsSpan(start, count));
                }
                else
                {
                    rowGroup.WriteStrings(Dictionary, Indices.AsSpan(start, count));
                }

                break;
        }
    }

    /// <summary>Sets this column of a batch (the batch API references the arrays).</summary>
    public void SetIn(ParquetBatch batch, int index)
    {
        var validity = Validity is null ? default(ReadOnlyMemory<bool>) : Validity;
        switch (Column.Type)
        {
            case ParquetType.Int32:
                batch.SetInt32(index, Int32s, validity);
                break;
            case ParquetType.Int64 or ParquetType.TimestampMicros:
                batch.SetInt64(index, Int64s, validity);
                break;
            case ParquetType.Float:
                batch.SetFloat(index, Floats, validity);
                break;
            case ParquetType.Double:
                batch.SetDouble(index, Doubles, validity);
                break;
            case ParquetType.Boolean:
                batch.SetBoolean(index, Booleans, validity);
                break;
            default:
                if (Strings is not null)
                {
                    batch.SetStrings(index, Strings);
                }
                else
                {
                    batch.SetStrings(index, Dictionary, Indices);
                }

                break;
        }
    }
}
