using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Life.Sweep.Specs;
using Parquet;

namespace Life.Sweep.Results;

/// <summary>
/// Writes result batches as Parquet files (Parquet.Net) carrying the resolved spec in their
/// key-value metadata: one row group per batch, Snappy, text dimensions dictionary-encoded, column
/// statistics. Files are durable and complete when this returns (a temporary name, fsync, rename),
/// and byte-for-byte the same for the same rows: the file holds nothing but the rows, the schema,
/// the spec and Parquet.Net's fixed <c>created_by</c>. Thread-safe: workers write their shards
/// concurrently through one writer, each with buffers rented for the one call.
/// </summary>
public sealed class ResultFileWriter
{
    private readonly ResultSchema _schema;
    private readonly ParquetOptions _options;
    private readonly Dictionary<string, string> _metadata;

    /// <summary>Per dimension (enumeration order): a text dimension's values as Parquet.Net takes strings, else null.</summary>
    private readonly ReadOnlyMemory<char>[]?[] _texts;

    public ResultFileWriter(SweepSpec spec, CompressionMethod compression = CompressionMethod.Snappy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _schema = new ResultSchema(spec);
        _options = new ParquetOptions { CompressionMethod = compression };
        foreach (var column in _schema.TextColumns)
        {
            _options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        }

        _texts = [.. spec.Dimensions.Select(d => d.Kind == DimensionKind.Text ? d.Texts.Select(t => t.AsMemory()).ToArray() : null)];
        if (spec.Disaggregation is { } shapes)
        {
            var hardware = spec.Hardware;
            _shapes = (
                spec.Dimensions.ToList().FindIndex(d => d.Key == DimensionKeys.Disaggregation),
                spec.Dimensions.ToList().FindIndex(d => d.Key == DimensionKeys.Hardware),
                [.. shapes.Select(shape => shape.PrefillReplicas)],
                [.. shapes.Select(shape => shape.DecodeReplicas)],
                [.. shapes.Select(shape => hardware.Select(h => shape.DecodeOn(h).Id.AsMemory()).ToArray())]);
        }

        _metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["life.sweep.spec"] = spec.CanonicalJson,
            ["life.sweep.spec_sha256"] = spec.Hash,
        };
    }

    public ResultSchema Schema => _schema;

    /// <summary>
    /// The shape columns of a disaggregation sweep, from the row's coordinates: per pool shape its
    /// replica counts, and per (shape, hardware) the decode hardware's id (the row's own when the shape names none).
    /// </summary>
    private readonly (int Dimension, int Hardware, int[] Prefill, int[] Decode, ReadOnlyMemory<char>[][] DecodeIds)? _shapes;

    /// <summary>Writes <paramref name="batch"/> to <paramref name="path"/>; returns the file's length and SHA-256 (hex).</summary>
    public (long Length, string Sha256) Write(ResultBatch batch, string path)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Guid.NewGuid():N}.tmp");
        try
        {
            (long, string) written;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hashing = new HashingStream(file))
            {
                // Every await below completes synchronously (the stream is synchronous), so this
                // does not block a thread waiting on another.
                WriteAsync(batch, hashing).AsTask().GetAwaiter().GetResult();
                file.Flush(flushToDisk: true);
                written = (hashing.Length, hashing.FinishHash());
            }

            File.Move(temporary, path, overwrite: true);
            return written;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes <paramref name="batch"/> as a Parquet file to <paramref name="output"/> (left open).</summary>
    public async ValueTask WriteAsync(ResultBatch batch, Stream output)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = batch.Count;
        var fields = _schema.Fields;
        var spec = _schema.Spec;
        await using var writer = await ParquetWriter.CreateAsync(_schema.Parquet, output, _options);
        writer.CustomMetadata = _metadata;
        using var group = writer.CreateRowGroup();
        var column = 0;
        await group.WriteAsync(fields[column++], Rows(batch.ConfigIds, rows));
        foreach (var d in _schema.DimensionOrder)
        {
            var field = fields[column++];
            switch (spec.Dimensions[d].Kind)
            {
                case DimensionKind.Text:
                    await WriteTextsAsync(group, field, _texts[d]!, batch.Indices[d].AsMemory(0, rows));
                    break;
                case DimensionKind.Real:
                    await group.WriteAsync(field, Rows(batch.Reals[d], rows));
                    break;
                default:
                    await group.WriteAsync(field, Rows(batch.Integers[d], rows));
                    break;
            }
        }

        foreach (var metric in ResultSchema.LeadingMetrics)
        {
            await group.WriteAsync(fields[column++], Rows(batch.Metrics[(int)metric], rows));
        }

        await group.WriteAsync(fields[column++], Rows(batch.Fits, rows));
        await group.WriteAsync(fields[column++], Rows(batch.MeetsConstraints, rows));
        await group.WriteAsync(fields[column++], Rows(batch.Canonical, rows));
        foreach (var metric in ResultSchema.TrailingMetrics)
        {
            await WriteNullableAsync<double>(group, fields[column++], batch.Metrics[(int)metric].AsMemory(0, rows), batch.Present[(int)metric].AsMemory(0, rows));
        }

        foreach (var metric in _schema.ServingMetrics)
        {
            if (metric == MetricColumn.Devices)
            {
                column = await WriteShapesAsync(group, batch, fields, column);
            }

            var field = fields[column++];
            if (!MetricColumns.IsNullable(metric))
            {
                await group.WriteAsync(field, Rows(batch.Metrics[(int)metric], rows));
            }
            else
            {
                await WriteNullableAsync<double>(group, field, batch.Metrics[(int)metric].AsMemory(0, rows), batch.Present[(int)metric].AsMemory(0, rows));
            }

            if (metric == MetricColumn.P99TpotMs && _schema.HasSaturated)
            {
                await WriteNullableAsync<bool>(group, fields[column++], batch.Saturated!.AsMemory(0, rows), batch.SaturatedPresent!.AsMemory(0, rows));
            }
        }

        group.CompleteValidate();
    }

    private async ValueTask<int> WriteShapesAsync(ParquetRowGroupWriter group, ResultBatch batch, IReadOnlyList<Parquet.Schema.DataField> fields, int column)
    {
        var (dimension, hardwareDimension, prefill, decode, decodeIds) = _shapes!.Value;
        var rows = batch.Count;
        var shapes = batch.Indices[dimension];
        var hardware = batch.Indices[hardwareDimension];
        var counts = ArrayPool<int>.Shared.Rent(rows);
        var ids = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(rows);
        try
        {
            for (var i = 0; i < rows; i++)
            {
                counts[i] = prefill[shapes[i]];
            }

            await group.WriteAsync(fields[column++], Rows(counts, rows));
            for (var i = 0; i < rows; i++)
            {
                counts[i] = decode[shapes[i]];
                ids[i] = decodeIds[shapes[i]][hardware[i]];
            }

            await group.WriteAsync(fields[column++], Rows(counts, rows));
            await group.WriteAsync(fields[column++], Rows(ids, rows));
            return column;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(ids);
        }
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

    private static ReadOnlyMemory<T> Rows<T>(T[] values, int count) => new(values, 0, count);

    /// <summary>
    /// A text column from dictionary indices, as Parquet.Net's fastest string input: a
    /// <c>ReadOnlyMemory&lt;char&gt;</c> per row that references the dimension's own text (nothing copied
    /// per row). Its <c>string</c> collection overload is slower: it copies into nullable values.
    /// </summary>
    private static async ValueTask WriteTextsAsync(ParquetRowGroupWriter group, Parquet.Schema.DataField field, ReadOnlyMemory<char>[] texts, ReadOnlyMemory<int> indices)
    {
        var strings = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(indices.Length);
        try
        {
            var span = indices.Span;
            for (var i = 0; i < span.Length; i++)
            {
                strings[i] = texts[span[i]];
            }

            await group.WriteAsync(field, Rows(strings, indices.Length));
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(strings);
        }
    }

    /// <summary>A nullable column as Parquet stores it: the present values packed, plus a definition level per row.</summary>
    private static async ValueTask WriteNullableAsync<T>(ParquetRowGroupWriter group, Parquet.Schema.DataField field, ReadOnlyMemory<T> values, ReadOnlyMemory<bool> present)
        where T : struct
    {
        var rows = values.Length;
        var packed = ArrayPool<T>.Shared.Rent(rows);
        var levels = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            var count = 0;
            var v = values.Span;
            var p = present.Span;
            for (var i = 0; i < rows; i++)
            {
                packed[count] = v[i];
                levels[i] = p[i] ? 1 : 0;
                count += p[i] ? 1 : 0;
            }

            await group.WriteAllPartsAsync(field, Rows(packed, count), Rows(levels, rows), null, CancellationToken.None);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
            ArrayPool<int>.Shared.Return(levels);
        }
    }
}
