namespace Life.Parquet;

/// <summary>The data of one column of a <see cref="ParquetBatch"/>: exactly one kind of values is set.</summary>
internal readonly struct BatchColumn
{
    private BatchColumn(ParquetType kind, ReadOnlyMemory<bool> validity)
    {
        Kind = kind;
        Validity = validity;
        IsSet = true;
    }

    public bool IsSet { get; }

    public ParquetType Kind { get; }

    public ReadOnlyMemory<bool> Validity { get; }

    public ReadOnlyMemory<int> Int32s { get; private init; }

    public ReadOnlyMemory<long> Int64s { get; private init; }

    public ReadOnlyMemory<float> Floats { get; private init; }

    public ReadOnlyMemory<double> Doubles { get; private init; }

    public ReadOnlyMemory<bool> Booleans { get; private init; }

    public ReadOnlyMemory<string?> Strings { get; private init; }

    /// <summary>Set (with <see cref="Int32s"/> as indices) for strings given as a dictionary.</summary>
    public ReadOnlyMemory<string> Dictionary { get; private init; }

    public bool IsIndexed { get; private init; }

    public static BatchColumn OfInt32(ReadOnlyMemory<int> values, ReadOnlyMemory<bool> validity) =>
        new(ParquetType.Int32, validity) { Int32s = values };

    public static BatchColumn OfInt64(ReadOnlyMemory<long> values, ReadOnlyMemory<bool> validity) =>
        new(ParquetType.Int64, validity) { Int64s = values };

    public static BatchColumn OfFloat(ReadOnlyMemory<float> values, ReadOnlyMemory<bool> validity) =>
        new(ParquetType.Float, validity) { Floats = values };

    public static BatchColumn OfDouble(ReadOnlyMemory<double> values, ReadOnlyMemory<bool> validity) =>
        new(ParquetType.Double, validity) { Doubles = values };

    public static BatchColumn OfBoolean(ReadOnlyMemory<bool> values, ReadOnlyMemory<bool> validity) =>
        new(ParquetType.Boolean, validity) { Booleans = values };

    public static BatchColumn OfStrings(ReadOnlyMemory<string?> values) =>
        new(ParquetType.String, default) { Strings = values };

    public static BatchColumn OfIndexedStrings(ReadOnlyMemory<string> dictionary, ReadOnlyMemory<int> indices) =>
        new(ParquetType.String, default) { Dictionary = dictionary, Int32s = indices, IsIndexed = true };

    /// <summary>Writes rows [start, start + count) as the row group's next column.</summary>
    public void WriteSlice(ParquetRowGroupWriter rowGroup, int start, int count)
    {
        var validity = Validity.IsEmpty ? default : Validity.Span.Slice(start, count);
        switch (Kind)
        {
            case ParquetType.Int32:
                rowGroup.WriteInt32(Int32s.Span.Slice(start, count), validity);
                break;
            case ParquetType.Int64:
                rowGroup.WriteInt64(Int64s.Span.Slice(start, count), validity);
                break;
            case ParquetType.Float:
                rowGroup.WriteFloat(Floats.Span.Slice(start, count), validity);
                break;
            case ParquetType.Double:
                rowGroup.WriteDouble(Doubles.Span.Slice(start, count), validity);
                break;
            case ParquetType.Boolean:
                rowGroup.WriteBoolean(Booleans.Span.Slice(start, count), validity);
                break;
            case ParquetType.String when IsIndexed:
                rowGroup.WriteStrings(Dictionary.Span, Int32s.Span.Slice(start, count));
                break;
            default:
                rowGroup.WriteStrings(Strings.Span.Slice(start, count));
                break;
        }
    }
}
