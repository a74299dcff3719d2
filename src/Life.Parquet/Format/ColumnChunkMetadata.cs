namespace Life.Parquet.Format;

/// <summary>What the footer needs to know about one written column chunk.</summary>
internal sealed class ColumnChunkMetadata
{
    public required long ValueCount { get; init; }

    public required long TotalUncompressedSize { get; init; }

    public required long TotalCompressedSize { get; init; }

    /// <summary>Offset of the first data page (never the dictionary page).</summary>
    public required long DataPageOffset { get; init; }

    /// <summary>Offset of the dictionary page header, when the chunk has one.</summary>
    public long? DictionaryPageOffset { get; init; }

    public required int PlainDataPages { get; init; }

    public required int DictionaryDataPages { get; init; }

    /// <summary>Definition levels are present (OPTIONAL column), so RLE is among the encodings.</summary>
    public required bool HasLevels { get; init; }

    public required ColumnStatistics Statistics { get; init; }

    /// <summary>Where the chunk starts: its dictionary page if it has one, else its first data page.</summary>
    public long StartOffset => DictionaryPageOffset ?? DataPageOffset;
}
