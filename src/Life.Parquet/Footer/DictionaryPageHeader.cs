using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>DictionaryPageHeader</c>.</summary>
internal sealed class DictionaryPageHeader
{
    /// <summary>Entries in the dictionary.</summary>
    public int NumValues { get; private set; }

    public int Encoding { get; private set; }

    public static DictionaryPageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new DictionaryPageHeader();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32:
                    result.NumValues = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == CompactType.I32:
                    result.Encoding = reader.ReadI32();
                    seen |= 2;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return (seen & 1) == 0 ? throw FooterFields.Missing("DictionaryPageHeader", "num_values")
            : (seen & 2) == 0 ? throw FooterFields.Missing("DictionaryPageHeader", "encoding")
            : result;
    }
}
