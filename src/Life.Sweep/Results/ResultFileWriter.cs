using System.Globalization;
using System.Security.Cryptography;
using Life.Sweep.Specs;
using Life.Parquet;

namespace Life.Sweep.Results;

/// <summary>
/// Writes result batches as Parquet files carrying the resolved spec in their key-value metadata.
/// Files are durable and complete when this returns (the writer's temporary name, fsync, rename),
/// and byte-for-byte the same for the same rows.
/// </summary>
public sealed class ResultFileWriter
{
    private readonly ResultSchema _schema;
    private readonly ParquetWriterOptions _options;

    public ResultFileWriter(SweepSpec spec, ParquetCompression compression = ParquetCompression.Snappy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _schema = new ResultSchema(spec);
        _options = new ParquetWriterOptions
        {
            Compression = compression,
            RowGroupSize = 1 << 20,
            ComputeSha256 = true,
            KeyValueMetadata =
            [
                new("life.sweep.spec", spec.CanonicalJson),
                new("life.sweep.spec_sha256", spec.Hash),
            ],
        };
    }

    public ResultSchema Schema => _schema;

    /// <summary>Writes <paramref name="batch"/> to <paramref name="path"/>; returns the file's length and SHA-256 (hex).</summary>
    public (long Length, string Sha256) Write(ResultBatch batch, string path)
    {
        using var writer = new ParquetFileWriter(path, _schema.Parquet, _options);
        writer.WriteBatch(_schema.Bind(batch));
        writer.Commit();
        return (writer.Position, Convert.ToHexStringLower(writer.Sha256!));
    }

    /// <summary>Length and SHA-256 of a file, to record in checkpoints and verify on resume.</summary>
    public static (long Length, string Sha256) Fingerprint(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var hash = SHA256.HashData(stream);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>The shard file name: results/part-00042.parquet (at least five digits).</summary>
    public static string ShardFileName(long shard) => string.Create(CultureInfo.InvariantCulture, $"part-{shard:D5}.parquet");
}
