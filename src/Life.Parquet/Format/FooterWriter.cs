using Life.Parquet.IO;
using Life.Parquet.Thrift;

namespace Life.Parquet.Format;

/// <summary>Serializes FileMetaData (parquet.thrift) with the compact protocol.</summary>
internal static class FooterWriter
{
    private const string RootName = "schema";

    public static void Write(
        ByteBuffer output,
        ParquetSchema schema,
        ParquetWriterOptions options,
        CompressionCodec codec,
        IReadOnlyList<RowGroupMetadata> rowGroups)
    {
        var thrift = new ThriftCompactWriter(output);
        long rowCount = 0;
        foreach (var rowGroup in rowGroups)
        {
            rowCount += rowGroup.RowCount;
        }

        thrift.BeginStruct();
        thrift.WriteI32Field(1, 1);
        WriteSchema(thrift, schema);
        thrift.WriteI64Field(3, rowCount);
        thrift.BeginListField(4, CompactType.Struct, rowGroups.Count);
        for (var i = 0; i < rowGroups.Count; i++)
        {
            WriteRowGroup(thrift, schema, codec, rowGroups[i], i);
        }

        if (options.KeyValueMetadata.Count > 0)
        {
            thrift.BeginListField(5, CompactType.Struct, options.KeyValueMetadata.Count);
            foreach (var (key, value) in options.KeyValueMetadata)
            {
                thrift.BeginStruct();
                thrift.WriteStringField(1, key);
                thrift.WriteStringField(2, value);
                thrift.EndStruct();
            }
        }

        thrift.WriteStringField(6, options.CreatedBy);

        // TYPE_ORDER for every leaf: Arrow only trusts min_value/max_value when this is present.
        thrift.BeginListField(7, CompactType.Struct, schema.Count);
        for (var i = 0; i < schema.Count; i++)
        {
            thrift.BeginStruct();
            thrift.WriteEmptyStructField(1);
            thrift.EndStruct();
        }

        thrift.EndStruct();
    }

    private static void WriteSchema(ThriftCompactWriter thrift, ParquetSchema schema)
    {
        thrift.BeginListField(2, CompactType.Struct, schema.Count + 1);
        thrift.BeginStruct();
        thrift.WriteStringField(4, RootName);
        thrift.WriteI32Field(5, schema.Count);
        thrift.EndStruct();
        foreach (var column in schema.Columns)
        {
            thrift.BeginStruct();
            thrift.WriteI32Field(1, (int)ColumnTypeMapping.PhysicalTypeOf(column.Type));
            thrift.WriteI32Field(3, (int)(column.IsNullable ? Repetition.Optional : Repetition.Required));
            thrift.WriteStringField(4, column.Name);
            if (ColumnTypeMapping.ConvertedTypeOf(column.Type) is { } converted)
            {
                thrift.WriteI32Field(6, (int)converted);
            }

            WriteLogicalType(thrift, column.Type);
            thrift.EndStruct();
        }
    }

    private static void WriteLogicalType(ThriftCompactWriter thrift, ParquetType type)
    {
        switch (type)
        {
            case ParquetType.String:
                thrift.BeginStructField(10);
                thrift.WriteEmptyStructField(1);
                thrift.EndStruct();
                break;
            case ParquetType.TimestampMicros:
                thrift.BeginStructField(10);
                thrift.BeginStructField(8);
                thrift.WriteBoolField(1, true);
                thrift.BeginStructField(2);
                thrift.WriteEmptyStructField(2);
                thrift.EndStruct();
                thrift.EndStruct();
                thrift.EndStruct();
                break;
        }
    }

    private static void WriteRowGroup(ThriftCompactWriter thrift, ParquetSchema schema, CompressionCodec codec, RowGroupMetadata rowGroup, int ordinal)
    {
        long uncompressed = 0, compressed = 0;
        foreach (var chunk in rowGroup.Columns)
        {
            uncompressed += chunk.TotalUncompressedSize;
            compressed += chunk.TotalCompressedSize;
        }

        thrift.BeginStruct();
        thrift.BeginListField(1, CompactType.Struct, rowGroup.Columns.Count);
        for (var i = 0; i < rowGroup.Columns.Count; i++)
        {
            WriteColumnChunk(thrift, schema[i], codec, rowGroup.Columns[i]);
        }

        thrift.WriteI64Field(2, uncompressed);
        thrift.WriteI64Field(3, rowGroup.RowCount);
        thrift.WriteI64Field(5, rowGroup.Columns[0].StartOffset);
        thrift.WriteI64Field(6, compressed);
        if (ordinal <= short.MaxValue)
        {
            thrift.WriteI16Field(7, (short)ordinal);
        }

        thrift.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter thrift, ParquetColumn column, CompressionCodec codec, ColumnChunkMetadata chunk)
    {
        thrift.BeginStruct();

        // Required but deprecated; 0 because no ColumnMetaData is written outside the footer.
        thrift.WriteI64Field(2, 0);
        thrift.BeginStructField(3);
        thrift.WriteI32Field(1, (int)ColumnTypeMapping.PhysicalTypeOf(column.Type));
        WriteEncodings(thrift, chunk);
        thrift.BeginListField(3, CompactType.Binary, 1);
        thrift.WriteStringElement(column.Name);
        thrift.WriteI32Field(4, (int)codec);
        thrift.WriteI64Field(5, chunk.ValueCount);
        thrift.WriteI64Field(6, chunk.TotalUncompressedSize);
        thrift.WriteI64Field(7, chunk.TotalCompressedSize);
        thrift.WriteI64Field(9, chunk.DataPageOffset);
        if (chunk.DictionaryPageOffset is { } dictionaryOffset)
        {
            thrift.WriteI64Field(11, dictionaryOffset);
        }

        WriteStatistics(thrift, chunk.Statistics);
        WriteEncodingStats(thrift, chunk);
        thrift.EndStruct();

        thrift.EndStruct();
    }

    /// <summary>Every encoding used in the chunk, ascending: PLAIN, RLE (levels), RLE_DICTIONARY.</summary>
    private static void WriteEncodings(ThriftCompactWriter thrift, ColumnChunkMetadata chunk)
    {
        var plain = chunk.PlainDataPages > 0 || chunk.DictionaryPageOffset is not null;
        var dictionary = chunk.DictionaryDataPages > 0;
        var count = (plain ? 1 : 0) + (chunk.HasLevels ? 1 : 0) + (dictionary ? 1 : 0);
        thrift.BeginListField(2, CompactType.I32, count);
        if (plain)
        {
            thrift.WriteI32Element((int)ValueEncoding.Plain);
        }

        if (chunk.HasLevels)
        {
            thrift.WriteI32Element((int)ValueEncoding.Rle);
        }

        if (dictionary)
        {
            thrift.WriteI32Element((int)ValueEncoding.RleDictionary);
        }
    }

    private static void WriteStatistics(ThriftCompactWriter thrift, ColumnStatistics statistics)
    {
        thrift.BeginStructField(12);
        if (statistics.WriteLegacyMinMax && statistics.Max is not null && statistics.Min is not null)
        {
            thrift.WriteBinaryField(1, statistics.Max);
            thrift.WriteBinaryField(2, statistics.Min);
        }

        thrift.WriteI64Field(3, statistics.NullCount);
        if (statistics.Max is not null && statistics.Min is not null)
        {
            thrift.WriteBinaryField(5, statistics.Max);
            thrift.WriteBinaryField(6, statistics.Min);
            thrift.WriteBoolField(7, true);
            thrift.WriteBoolField(8, true);
        }

        if (statistics.NanCount is { } nanCount)
        {
            thrift.WriteI64Field(9, nanCount);
        }

        thrift.EndStruct();
    }

    /// <summary>Page counts per (page type, encoding): tells readers every data page is dictionary-encoded.</summary>
    private static void WriteEncodingStats(ThriftCompactWriter thrift, ColumnChunkMetadata chunk)
    {
        var hasDictionary = chunk.DictionaryPageOffset is not null;
        var count = (hasDictionary ? 1 : 0) + (chunk.PlainDataPages > 0 ? 1 : 0) + (chunk.DictionaryDataPages > 0 ? 1 : 0);
        thrift.BeginListField(13, CompactType.Struct, count);
        if (hasDictionary)
        {
            WriteEncodingStat(thrift, PageType.DictionaryPage, ValueEncoding.Plain, 1);
        }

        if (chunk.PlainDataPages > 0)
        {
            WriteEncodingStat(thrift, PageType.DataPage, ValueEncoding.Plain, chunk.PlainDataPages);
        }

        if (chunk.DictionaryDataPages > 0)
        {
            WriteEncodingStat(thrift, PageType.DataPage, ValueEncoding.RleDictionary, chunk.DictionaryDataPages);
        }
    }

    private static void WriteEncodingStat(ThriftCompactWriter thrift, PageType pageType, ValueEncoding encoding, int count)
    {
        thrift.BeginStruct();
        thrift.WriteI32Field(1, (int)pageType);
        thrift.WriteI32Field(2, (int)encoding);
        thrift.WriteI32Field(3, count);
        thrift.EndStruct();
    }
}
