using System.IO.Compression;
using System.Reflection;

namespace Life.Parquet;

/// <summary>Settings of a <see cref="ParquetFileWriter"/>. The defaults suit sweep result files.</summary>
public sealed record ParquetWriterOptions
{
    /// <summary>
    /// <c>Life.Parquet version X (build Y)</c> from the assembly's informational version, so it is
    /// fixed for a given build of this library and files stay byte-for-byte reproducible.
    /// </summary>
    public static string DefaultCreatedBy { get; } = BuildCreatedBy();

    /// <summary>The options used when none are given (declared after what its initializer reads).</summary>
    public static ParquetWriterOptions Default { get; } = new();

    /// <summary>Page codec. Snappy by default: see the README for the measurements behind the choice.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Level used when <see cref="Compression"/> is GZIP.</summary>
    public CompressionLevel GzipLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>Rows per row group when a <see cref="ParquetBatch"/> is split by <see cref="ParquetFileWriter.WriteBatch"/>.</summary>
    public int RowGroupSize { get; init; } = 128 * 1024;

    /// <summary>Target uncompressed size of a data page in bytes (a soft limit: pages hold whole values).</summary>
    public int PageSize { get; init; } = 1024 * 1024;

    /// <summary>Try dictionary encoding for every column except booleans; false writes PLAIN only.</summary>
    public bool EnableDictionary { get; init; } = true;

    /// <summary>A column chunk whose distinct values exceed this count falls back to PLAIN.</summary>
    public int DictionaryMaxEntries { get; init; } = 64 * 1024;

    /// <summary>A column chunk whose PLAIN-encoded dictionary exceeds this many bytes falls back to PLAIN.</summary>
    public int DictionaryMaxBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// String min/max statistics longer than this many UTF-8 bytes are left out (null counts stay)
    /// rather than truncated, so every bound written is exact.
    /// </summary>
    public int MaxStatisticsBytes { get; init; } = 4096;

    /// <summary>FileMetaData.created_by, in the form <c>app version X.Y.Z (build H)</c>.</summary>
    public string CreatedBy { get; init; } = DefaultCreatedBy;

    /// <summary>FileMetaData.key_value_metadata, written in this order (e.g. the sweep spec).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> KeyValueMetadata { get; init; } = [];

    /// <summary>
    /// Hash the file's bytes as they are written: <see cref="ParquetFileWriter.Sha256"/> after
    /// <see cref="ParquetFileWriter.Commit"/>, so a caller recording a checksum need not read the file back.
    /// </summary>
    public bool ComputeSha256 { get; init; }

    internal void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"Unknown compression {Compression}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupSize, 1, nameof(RowGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1024, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, 256 * 1024 * 1024, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(DictionaryMaxEntries, 1, nameof(DictionaryMaxEntries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DictionaryMaxEntries, 1 << 24, nameof(DictionaryMaxEntries));
        ArgumentOutOfRangeException.ThrowIfLessThan(DictionaryMaxBytes, 1, nameof(DictionaryMaxBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DictionaryMaxBytes, 256 * 1024 * 1024, nameof(DictionaryMaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxStatisticsBytes, nameof(MaxStatisticsBytes));
        ArgumentException.ThrowIfNullOrWhiteSpace(CreatedBy, nameof(CreatedBy));
        ArgumentNullException.ThrowIfNull(KeyValueMetadata, nameof(KeyValueMetadata));
        foreach (var (key, value) in KeyValueMetadata)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(KeyValueMetadata));
            ArgumentNullException.ThrowIfNull(value, nameof(KeyValueMetadata));
        }
    }

    private static string BuildCreatedBy()
    {
        var assembly = typeof(ParquetWriterOptions).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var build = plus < 0 ? "unknown" : informational[(plus + 1)..];
        if (build.Length > 12)
        {
            build = build[..12];
        }

        return $"Life.Parquet version {version} (build {build})";
    }
}
