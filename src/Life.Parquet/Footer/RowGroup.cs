using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>RowGroup</c>: its column chunks (schema leaf order) and row count.</summary>
internal sealed class RowGroup
{
    public IReadOnlyList<ColumnChunk> Columns { get; private set; } = [];

    public long NumRows { get; private set; }

    public static RowGroup Read(ref ThriftCompactReader reader)
    {
        var result = new RowGroup();
        var hasColumns = false;
        var hasRows = false;
        var saved = reader.BeginStruct();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    var count = reader.ReadListHeader(out var elementType);
                    if (elementType != CompactType.Struct)
                    {
                        throw new InvalidDataException("RowGroup.columns is not a list of structs.");
                    }

                    var columns = new ColumnChunk[count];
                    for (var i = 0; i < count; i++)
                    {
                        columns[i] = ColumnChunk.Read(ref reader);
                    }

                    result.Columns = columns;
                    hasColumns = true;
                    break;
                case 3 when type == CompactType.I64:
                    result.NumRows = reader.ReadI64();
                    hasRows = true;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return !hasColumns ? throw FooterFields.Missing("RowGroup", "columns")
            : !hasRows ? throw FooterFields.Missing("RowGroup", "num_rows")
            : result;
    }
}
