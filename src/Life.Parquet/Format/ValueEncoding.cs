namespace Life.Parquet.Format;

/// <summary>parquet.thrift <c>Encoding</c>. The writer emits PLAIN, RLE and RLE_DICTIONARY; the reader knows the rest by name.</summary>
internal enum ValueEncoding
{
    Plain = 0,

    /// <summary>The legacy name of RLE_DICTIONARY in data pages (and of PLAIN in dictionary pages).</summary>
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}
