using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>FileMetaData</c>: the footer.</summary>
internal sealed class FileMetaData
{
    public int Version { get; private set; }

    /// <summary>Depth-first; the first element is the root.</summary>
    public IReadOnlyList<SchemaElement> Schema { get; private set; } = [];

    public long NumRows { get; private set; }

    public IReadOnlyList<RowGroup> RowGroups { get; private set; } = [];

    public IReadOnlyList<KeyValue> KeyValueMetadata { get; private set; } = [];

    public string? CreatedBy { get; private set; }

    public static FileMetaData Read(ReadOnlySpan<byte> footer)
    {
        var reader = new ThriftCompactReader(footer);
        var result = new FileMetaData();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    result.Version = reader.ReadI32();
                    break;
                case 2 when type == CompactType.List:
                    result.Schema = ReadStructs(ref reader, "schema", SchemaElement.Read);
                    seen |= 1;
                    break;
                case 3 when type == CompactType.I64:
                    result.NumRows = reader.ReadI64();
                    seen |= 2;
                    break;
                case 4 when type == CompactType.List:
                    result.RowGroups = ReadStructs(ref reader, "row_groups", RowGroup.Read);
                    seen |= 4;
                    break;
                case 5 when type == CompactType.List:
                    result.KeyValueMetadata = ReadStructs(ref reader, "key_value_metadata", KeyValue.Read);
                    break;
                case 6 when type == CompactType.Binary:
                    result.CreatedBy = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return (seen & 1) == 0 ? throw FooterFields.Missing("FileMetaData", "schema")
            : (seen & 2) == 0 ? throw FooterFields.Missing("FileMetaData", "num_rows")
            : (seen & 4) == 0 ? throw FooterFields.Missing("FileMetaData", "row_groups")
            : result;
    }

    private delegate T StructReader<T>(ref ThriftCompactReader reader);

    private static T[] ReadStructs<T>(ref ThriftCompactReader reader, string field, StructReader<T> read)
    {
        var count = reader.ReadListHeader(out var elementType);
        if (elementType != CompactType.Struct)
        {
            throw new InvalidDataException($"FileMetaData.{field} is not a list of structs.");
        }

        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = read(ref reader);
        }

        return items;
    }
}
