namespace Life.Parquet;

/// <summary>Page compression codec; one codec per file.</summary>
public enum ParquetCompression
{
    /// <summary>No compression.</summary>
    Uncompressed,

    /// <summary>Snappy raw block format (our own compressor). Fast, moderate ratio.</summary>
    Snappy,

    /// <summary>GZIP (RFC 1952) via System.IO.Compression. Slower, better ratio.</summary>
    Gzip,
}
