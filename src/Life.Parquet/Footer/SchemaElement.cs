using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>SchemaElement</c>: the root, a group, or a leaf column.</summary>
internal sealed class SchemaElement
{
    public int? Type { get; private set; }

    public int? TypeLength { get; private set; }

    public int? RepetitionType { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public int? NumChildren { get; private set; }

    public int? ConvertedType { get; private set; }

    public LogicalType? LogicalType { get; private set; }

    public static SchemaElement Read(ref ThriftCompactReader reader)
    {
        var result = new SchemaElement();
        var hasName = false;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    result.Type = reader.ReadI32();
                    break;
                case 2 when type == CompactType.I32:
                    result.TypeLength = reader.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    result.RepetitionType = reader.ReadI32();
                    break;
                case 4 when type == CompactType.Binary:
                    result.Name = reader.ReadString();
                    hasName = true;
                    break;
                case 5 when type == CompactType.I32:
                    result.NumChildren = reader.ReadI32();
                    break;
                case 6 when type == CompactType.I32:
                    result.ConvertedType = reader.ReadI32();
                    break;
                case 10 when type == CompactType.Struct:
                    result.LogicalType = LogicalType.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return hasName ? result : throw FooterFields.Missing("SchemaElement", "name");
    }
}
