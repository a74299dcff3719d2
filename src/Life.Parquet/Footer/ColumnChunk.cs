using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>ColumnChunk</c>: one column of one row group.</summary>
internal sealed class ColumnChunk
{
    /// <summary>Set when the chunk's data lives in another file, which this reader does not follow.</summary>
    public string? FilePath { get; private set; }

    public ColumnMetaData? MetaData { get; private set; }

    public static ColumnChunk Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnChunk();
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    result.FilePath = reader.ReadString();
                    break;
                case 3 when type == CompactType.Struct:
                    result.MetaData = ColumnMetaData.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return result;
    }
}
