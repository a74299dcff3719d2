namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>PageType</c>. The writer emits data and dictionary pages; the reader also reads v2 data pages.</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
