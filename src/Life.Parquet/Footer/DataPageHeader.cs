using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>DataPageHeader</c> (v1): levels and values compressed together.</summary>
internal sealed class DataPageHeader
{
    /// <summary>Values in the page, nulls included.</summary>
    public int NumValues { get; private set; }

    public int Encoding { get; private set; }

    public int DefinitionLevelEncoding { get; private set; }

    public static DataPageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new DataPageHeader();
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
                case 3 when type == CompactType.I32:
                    result.DefinitionLevelEncoding = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return (seen & 1) == 0 ? throw FooterFields.Missing("DataPageHeader", "num_values")
            : (seen & 2) == 0 ? throw FooterFields.Missing("DataPageHeader", "encoding")
            : result;
    }
}
