using System.Buffers;
using System.Buffers.Binary;
using Life.Parquet.Footer;
using Life.Parquet.Format;
using Life.Parquet.Reading;

namespace Life.Parquet;

/// <summary>
/// Reads flat-schema Parquet files: the footer (schema, key-value metadata, row groups) when
/// opened, then column chunks on demand, one (row group, column) at a time, so a caller that
/// needs three columns of fifty reads only those three chunks' bytes. Reads data page v1 and v2;
/// PLAIN, dictionary (PLAIN_DICTIONARY / RLE_DICTIONARY), RLE booleans and BYTE_STREAM_SPLIT
/// values; UNCOMPRESSED, SNAPPY, GZIP and BROTLI pages. Anything malformed or unsupported throws
/// <see cref="ParquetFormatException"/> naming the file and the place. Not thread-safe: one
/// reader per thread (it reuses its buffers from chunk to chunk).
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private const int TailLength = 8;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly long _length;
    private readonly IReadOnlyList<RowGroup> _rowGroups;
    private readonly ColumnChunkDecoder _decoder = new();
    private byte[] _chunk = [];
    private bool _disposed;

    /// <summary>Opens <paramref name="path"/> and reads its footer.</summary>
    public ParquetFileReader(string path)
        : this(OpenFile(path), path, leaveOpen: false)
    {
    }

    /// <summary>Reads from a seekable stream; <paramref name="name"/> is used in error messages.</summary>
    public ParquetFileReader(Stream stream, string name, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(stream));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Life.Parquet reads values in memory order and needs a little-endian CPU.");
        }

        _stream = stream;
        _ownsStream = !leaveOpen;
        Name = name;
        try
        {
            _length = stream.Length;
            var metadata = ReadFooter(out var footerStart);
            Schema = SchemaResolver.Resolve(metadata.Schema);
            _rowGroups = metadata.RowGroups;
            RowCount = CheckRowGroups(metadata, footerStart);
            CreatedBy = metadata.CreatedBy;
            KeyValueMetadata = [.. metadata.KeyValueMetadata.Select(entry => new KeyValuePair<string, string?>(entry.Key, entry.Value))];
        }
        catch (InvalidDataException e)
        {
            Dispose();
            throw new ParquetFormatException(name, e.Message, isUnsupported: false, e);
        }
        catch (NotSupportedException e)
        {
            Dispose();
            throw new ParquetFormatException(name, e.Message, isUnsupported: true, e);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The path or name given when opening, as used in error messages.</summary>
    public string Name { get; }

    public ParquetSchema Schema { get; }

    /// <summary>FileMetaData.key_value_metadata in file order (a value may be absent).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> KeyValueMetadata { get; }

    public string? CreatedBy { get; }

    /// <summary>Rows in the file (the sum over its row groups).</summary>
    public long RowCount { get; }

    public int RowGroupCount => _rowGroups.Count;

    /// <summary>Rows in row group <paramref name="rowGroup"/>.</summary>
    public int GetRowGroupRowCount(int rowGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, _rowGroups.Count);
        return (int)_rowGroups[rowGroup].NumRows;
    }

    /// <summary>The value of the first key-value entry named <paramref name="key"/>, or null.</summary>
    public string? GetMetadata(string key)
    {
        foreach (var (entryKey, value) in KeyValueMetadata)
        {
            if (string.Equals(entryKey, key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads one column chunk: only its bytes are read from the file. Pass a previous result as
    /// <paramref name="reuse"/> to decode into its arrays instead of new ones.
    /// </summary>
    public ParquetColumnData ReadColumn(int rowGroup, int column, ParquetColumnData? reuse = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, _rowGroups.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Schema.Count);
        var schemaColumn = Schema[column];
        var metadata = _rowGroups[rowGroup].Columns[column].MetaData!;
        var where = $"row group {rowGroup}, column '{schemaColumn.Name}'";
        if (!PageDecompressor.Supports(metadata.Codec))
        {
            throw new ParquetFormatException(
                Name, $"{where}: codec {PageDecompressor.NameOf(metadata.Codec)} is not supported (UNCOMPRESSED, SNAPPY, GZIP and BROTLI are).", isUnsupported: true);
        }

        var (start, length) = ChunkRange(metadata);
        if (_chunk.Length < length)
        {
            ReturnChunkBuffer();
            _chunk = ArrayPool<byte>.Shared.Rent(length);
        }

        ReadAt(start, _chunk.AsSpan(0, length));
        var target = reuse ?? new ParquetColumnData(schemaColumn);
        try
        {
            _decoder.Decode(_chunk.AsMemory(0, length), start, metadata.Codec, schemaColumn, (int)_rowGroups[rowGroup].NumRows, target);
        }
        catch (InvalidDataException e)
        {
            throw new ParquetFormatException(Name, $"{where}: {e.Message}", isUnsupported: false, e);
        }
        catch (NotSupportedException e)
        {
            throw new ParquetFormatException(Name, $"{where}: {e.Message}", isUnsupported: true, e);
        }

        return target;
    }

    /// <summary>Reads the column named <paramref name="column"/> (ordinal, case-sensitive) of a row group.</summary>
    public ParquetColumnData ReadColumn(int rowGroup, string column, ParquetColumnData? reuse = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var index = Schema.IndexOf(column);
        return index >= 0
            ? ReadColumn(rowGroup, index, reuse)
            : throw new ArgumentException($"{Name} has no column '{column}'.", nameof(column));
    }

    /// <summary>Projection: the named columns of one row group, in the order given; no other chunk is read.</summary>
    public ParquetColumnData[] ReadColumns(int rowGroup, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(column => ReadColumn(rowGroup, column))];
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _decoder.Dispose();
        ReturnChunkBuffer();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private static FileStream OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);
    }

    /// <summary>
    /// Where a chunk's bytes are: from its dictionary page when it has one before the data pages
    /// (Arrow's rule, which also copes with writers that left dictionary_page_offset at 0), for
    /// total_compressed_size bytes.
    /// </summary>
    private static (long Start, int Length) ChunkRange(ColumnMetaData metadata)
    {
        var start = metadata.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < metadata.DataPageOffset
            ? dictionary
            : metadata.DataPageOffset;
        return (start, (int)metadata.TotalCompressedSize);
    }

    private FileMetaData ReadFooter(out long footerStart)
    {
        if (_length < 12)
        {
            throw new InvalidDataException($"not a Parquet file: {_length} bytes is too short.");
        }

        Span<byte> tail = stackalloc byte[TailLength];
        ReadAt(_length - TailLength, tail);
        Span<byte> head = stackalloc byte[4];
        ReadAt(0, head);
        if (tail[4..].SequenceEqual("PARE"u8))
        {
            throw new NotSupportedException("the file is encrypted (PARE footer), which this reader does not support.");
        }

        if (!tail[4..].SequenceEqual("PAR1"u8) || !head.SequenceEqual("PAR1"u8))
        {
            throw new InvalidDataException("not a Parquet file: the PAR1 magic is missing at the start or end.");
        }

        var footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength == 0 || footerLength > _length - 12)
        {
            throw new InvalidDataException($"the footer length {footerLength} does not fit in a file of {_length} bytes.");
        }

        footerStart = _length - TailLength - footerLength;
        var footer = ArrayPool<byte>.Shared.Rent((int)footerLength);
        try
        {
            var span = footer.AsSpan(0, (int)footerLength);
            ReadAt(footerStart, span);
            return FileMetaData.Read(span);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"corrupt footer: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(footer);
        }
    }

    /// <summary>Checks that each row group matches the schema and keeps its chunks between the magic and the footer.</summary>
    private long CheckRowGroups(FileMetaData metadata, long footerStart)
    {
        long rows = 0;
        for (var g = 0; g < _rowGroups.Count; g++)
        {
            var rowGroup = _rowGroups[g];
            if (rowGroup.NumRows is < 0 or > int.MaxValue)
            {
                throw new NotSupportedException($"row group {g} has {rowGroup.NumRows} rows; this reader handles up to {int.MaxValue} per row group.");
            }

            if (rowGroup.Columns.Count != Schema.Count)
            {
                throw new InvalidDataException($"row group {g} has {rowGroup.Columns.Count} column chunks for {Schema.Count} columns.");
            }

            for (var c = 0; c < Schema.Count; c++)
            {
                CheckChunk(rowGroup.Columns[c], Schema[c], rowGroup.NumRows, $"row group {g}, column '{Schema[c].Name}'", footerStart);
            }

            rows += rowGroup.NumRows;
        }

        if (rows != metadata.NumRows)
        {
            throw new InvalidDataException($"the footer says {metadata.NumRows} rows but its row groups hold {rows}.");
        }

        return rows;
    }

    private static void CheckChunk(ColumnChunk chunk, ParquetColumn column, long rows, string where, long footerStart)
    {
        if (chunk.FilePath is not null)
        {
            throw new NotSupportedException($"{where}: the data is in another file ('{chunk.FilePath}'), which this reader does not follow.");
        }

        var metadata = chunk.MetaData ?? throw new InvalidDataException($"{where}: the column chunk has no metadata.");
        if (metadata.Type != (int)ColumnTypeMapping.PhysicalTypeOf(column.Type))
        {
            throw new InvalidDataException($"{where}: the chunk's physical type {metadata.Type} differs from the schema's.");
        }

        if (metadata.PathInSchema.Count != 1 || metadata.PathInSchema[0] != column.Name)
        {
            throw new InvalidDataException($"{where}: the chunk's path '{string.Join('.', metadata.PathInSchema)}' does not name the column.");
        }

        if (metadata.NumValues != rows)
        {
            throw new InvalidDataException($"{where}: the chunk holds {metadata.NumValues} values for {rows} rows.");
        }

        var (start, _) = ChunkRange(metadata);
        if (start < 4 || metadata.TotalCompressedSize < 0 || metadata.TotalCompressedSize > int.MaxValue
            || start + metadata.TotalCompressedSize > footerStart)
        {
            throw new InvalidDataException(
                $"{where}: the chunk's bytes [{start}, {start + metadata.TotalCompressedSize}) are not between the magic and the footer (at {footerStart}).");
        }
    }

    private void ReadAt(long offset, Span<byte> destination)
    {
        int read;
        if (_stream is FileStream file)
        {
            read = 0;
            while (read < destination.Length)
            {
                var n = RandomAccess.Read(file.SafeFileHandle, destination[read..], offset + read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        else
        {
            _stream.Position = offset;
            read = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }

        if (read != destination.Length)
        {
            throw new ParquetFormatException(Name, $"the file ends at {offset + read}, before the {destination.Length} bytes expected at offset {offset}.");
        }
    }

    private void ReturnChunkBuffer()
    {
        if (_chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
    }
}
