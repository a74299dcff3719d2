using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>ColumnMetaData</c>: where a column chunk's pages are and how they are coded.</summary>
internal sealed class ColumnMetaData
{
    public int Type { get; private set; }

    public IReadOnlyList<int> Encodings { get; private set; } = [];

    public IReadOnlyList<string> PathInSchema { get; private set; } = [];

    public int Codec { get; private set; }

    public long NumValues { get; private set; }

    public long TotalUncompressedSize { get; private set; }

    public long TotalCompressedSize { get; private set; }

    public long DataPageOffset { get; private set; }

    public long? DictionaryPageOffset { get; private set; }

    public Statistics? Statistics { get; private set; }

    public static ColumnMetaData Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnMetaData();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    result.Type = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == CompactType.List:
                    result.Encodings = ReadI32List(ref reader);
                    break;
                case 3 when type == CompactType.List:
                    result.PathInSchema = ReadStringList(ref reader);
                    seen |= 2;
                    break;
                case 4 when type == CompactType.I32:
                    result.Codec = reader.ReadI32();
                    seen |= 4;
                    break;
                case 5 when type == CompactType.I64:
                    result.NumValues = reader.ReadI64();
                    seen |= 8;
                    break;
                case 6 when type == CompactType.I64:
                    result.TotalUncompressedSize = reader.ReadI64();
                    break;
                case 7 when type == CompactType.I64:
                    result.TotalCompressedSize = reader.ReadI64();
                    seen |= 16;
                    break;
                case 9 when type == CompactType.I64:
                    result.DataPageOffset = reader.ReadI64();
                    seen |= 32;
                    break;
                case 11 when type == CompactType.I64:
                    result.DictionaryPageOffset = reader.ReadI64();
                    break;
                case 12 when type == CompactType.Struct:
                    result.Statistics = Statistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return seen == 63 ? result : throw FooterFields.Missing("ColumnMetaData", FirstMissing(seen));
    }

    private static string FirstMissing(int seen) =>
        (seen & 1) == 0 ? "type"
        : (seen & 2) == 0 ? "path_in_schema"
        : (seen & 4) == 0 ? "codec"
        : (seen & 8) == 0 ? "num_values"
        : (seen & 16) == 0 ? "total_compressed_size"
        : "data_page_offset";

    private static int[] ReadI32List(ref ThriftCompactReader reader)
    {
        var count = reader.ReadListHeader(out var elementType);
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (elementType != CompactType.I32)
            {
                throw new InvalidDataException("ColumnMetaData.encodings is not a list of i32.");
            }

            values[i] = reader.ReadI32();
        }

        return values;
    }

    private static string[] ReadStringList(ref ThriftCompactReader reader)
    {
        var count = reader.ReadListHeader(out var elementType);
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            if (elementType != CompactType.Binary)
            {
                throw new InvalidDataException("ColumnMetaData.path_in_schema is not a list of strings.");
            }

            values[i] = reader.ReadString();
        }

        return values;
    }
}
