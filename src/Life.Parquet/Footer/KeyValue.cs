using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>KeyValue</c>: one entry of the file's key-value metadata.</summary>
internal sealed class KeyValue
{
    public string Key { get; private set; } = string.Empty;

    /// <summary>Optional in the format: a key may carry no value.</summary>
    public string? Value { get; private set; }

    public static KeyValue Read(ref ThriftCompactReader reader)
    {
        var result = new KeyValue();
        var hasKey = false;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary:
                    result.Key = reader.ReadString();
                    hasKey = true;
                    break;
                case 2 when type == CompactType.Binary:
                    result.Value = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return hasKey ? result : throw FooterFields.Missing("KeyValue", "key");
    }
}
