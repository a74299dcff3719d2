using Life.Parquet.Thrift;

namespace Life.Parquet.Footer;

/// <summary>parquet.thrift <c>PageHeader</c>, read in front of every page of a column chunk.</summary>
internal sealed class PageHeader
{
    public int Type { get; private set; }

    /// <summary>Page body size before compression, header excluded.</summary>
    public int UncompressedPageSize { get; private set; }

    /// <summary>Bytes of body that follow the header.</summary>
    public int CompressedPageSize { get; private set; }

    public DataPageHeader? DataPageHeader { get; private set; }

    public DictionaryPageHeader? DictionaryPageHeader { get; private set; }

    public DataPageHeaderV2? DataPageHeaderV2 { get; private set; }

    /// <summary>Reads a header at the start of <paramref name="data"/>; <paramref name="length"/> is its size in bytes.</summary>
    public static PageHeader Read(ReadOnlySpan<byte> data, out int length)
    {
        var reader = new ThriftCompactReader(data);
        var result = new PageHeader();
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
                case 2 when type == CompactType.I32:
                    result.UncompressedPageSize = reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when type == CompactType.I32:
                    result.CompressedPageSize = reader.ReadI32();
                    seen |= 4;
                    break;
                case 5 when type == CompactType.Struct:
                    result.DataPageHeader = DataPageHeader.Read(ref reader);
                    break;
                case 7 when type == CompactType.Struct:
                    result.DictionaryPageHeader = DictionaryPageHeader.Read(ref reader);
                    break;
                case 8 when type == CompactType.Struct:
                    result.DataPageHeaderV2 = DataPageHeaderV2.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        length = reader.Position;
        if (seen != 7)
        {
            throw FooterFields.Missing("PageHeader", (seen & 1) == 0 ? "type" : (seen & 2) == 0 ? "uncompressed_page_size" : "compressed_page_size");
        }

        if (result.UncompressedPageSize < 0 || result.CompressedPageSize < 0)
        {
            throw new InvalidDataException($"page sizes {result.CompressedPageSize}/{result.UncompressedPageSize} are negative.");
        }

        return result;
    }
}
