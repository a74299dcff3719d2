using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>DataPageHeaderV2</c>: levels first and never compressed, then the values.</summary>
internal sealed class DataPageHeaderV2
{
    /// <summary>Values in the page, nulls included.</summary>
    public int NumValues { get; private set; }

    public int NumNulls { get; private set; }

    public int NumRows { get; private set; }

    public int Encoding { get; private set; }

    public int DefinitionLevelsByteLength { get; private set; }

    public int RepetitionLevelsByteLength { get; private set; }

    /// <summary>Optional in the IDL with default true: an absent field means compressed.</summary>
    public bool IsCompressed { get; private set; } = true;

    public static DataPageHeaderV2 Read(ref ThriftCompactReader reader)
    {
        var result = new DataPageHeaderV2();
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
                    result.NumNulls = reader.ReadI32();
                    break;
                case 3 when type == CompactType.I32:
                    result.NumRows = reader.ReadI32();
                    break;
                case 4 when type == CompactType.I32:
                    result.Encoding = reader.ReadI32();
                    seen |= 2;
                    break;
                case 5 when type == CompactType.I32:
                    result.DefinitionLevelsByteLength = reader.ReadI32();
                    seen |= 4;
                    break;
                case 6 when type == CompactType.I32:
                    result.RepetitionLevelsByteLength = reader.ReadI32();
                    seen |= 8;
                    break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse:
                    result.IsCompressed = ThriftCompactReader.BoolValue(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return (seen & 1) == 0 ? throw FooterFields.Missing("DataPageHeaderV2", "num_values")
            : (seen & 2) == 0 ? throw FooterFields.Missing("DataPageHeaderV2", "encoding")
            : (seen & 4) == 0 ? throw FooterFields.Missing("DataPageHeaderV2", "definition_levels_byte_length")
            : (seen & 8) == 0 ? throw FooterFields.Missing("DataPageHeaderV2", "repetition_levels_byte_length")
            : result;
    }
}
