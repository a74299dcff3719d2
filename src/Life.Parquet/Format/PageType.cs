namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>PageType</c>: the subset this writer emits.</summary>
internal enum PageType
{
    DataPage = 0,
    DictionaryPage = 2,
}
