using System.Security.Cryptography;
using Life.Parquet.Compression;
using Life.Parquet.Format;
using Life.Parquet.IO;
using Life.Parquet.Writing;

namespace Life.Parquet;

/// <summary>
/// Writes one Parquet file, row group by row group, column by column.
/// <para>
/// Given a path, the writer writes to <c>path + ".tmp"</c> in the same directory; <see cref="Commit"/>
/// writes the footer, flushes to disk and renames the file into place, so readers never see a
/// partial file. Disposing without committing deletes the temporary file. Output depends only
/// on the data and the options: the same input gives the same bytes.
/// </para>
/// Not thread-safe. An exception while encoding a column leaves the writer faulted: dispose it.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _temporaryPath;
    private readonly PageCompressor _compressor;
    private readonly PageWriter _pages;
    private readonly ColumnChunkWriter _chunks;
    private readonly List<RowGroupMetadata> _rowGroups = [];
    private readonly ParquetRowGroupWriter _rowGroupWriter;
    private readonly IncrementalHash? _hash;
    private WriterState _state;

    /// <summary>Creates <c>path + ".tmp"</c>; the file appears at <paramref name="path"/> on <see cref="Commit"/>.</summary>
    public ParquetFileWriter(string path, ParquetSchema schema, ParquetWriterOptions? options = null)
        : this(schema, options, path ?? throw new ArgumentNullException(nameof(path)), destination: null)
    {
    }

    /// <summary>Writes to a caller-owned stream (no temporary file, no rename); the stream is left open.</summary>
    public ParquetFileWriter(Stream destination, ParquetSchema schema, ParquetWriterOptions? options = null)
        : this(schema, options, path: null, destination ?? throw new ArgumentNullException(nameof(destination)))
    {
    }

    private ParquetFileWriter(ParquetSchema schema, ParquetWriterOptions? options, string? path, Stream? destination)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Life.Parquet writes values in memory order and needs a little-endian CPU.");
        }

        ArgumentNullException.ThrowIfNull(schema);
        Options = options ?? ParquetWriterOptions.Default;
        Options.Validate();
        Schema = schema;
        if (path is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            Path = System.IO.Path.GetFullPath(path);
            _temporaryPath = Path + ".tmp";
            _stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            _ownsStream = true;
        }
        else
        {
            _stream = destination!;
        }

        _compressor = new PageCompressor(Options.Compression, Options.GzipLevel);
        _hash = Options.ComputeSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        _pages = new PageWriter(_stream, _compressor, _hash);
        _chunks = new ColumnChunkWriter(Options, _pages);
        _rowGroupWriter = new ParquetRowGroupWriter(this);
        try
        {
            _pages.WriteRaw("PAR1"u8);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private enum WriterState
    {
        Open,

        /// <summary>A column chunk is being encoded; still set afterwards means the encoding threw.</summary>
        Encoding,
        Committed,
        Faulted,
        Disposed,
    }

    public ParquetSchema Schema { get; }

    public ParquetWriterOptions Options { get; }

    /// <summary>The final path when writing to a file; null for a stream.</summary>
    public string? Path { get; }

    /// <summary>Rows in completed row groups.</summary>
    public long RowCount { get; private set; }

    public int RowGroupCount => _rowGroups.Count;

    /// <summary>SHA-256 of the whole file, after <see cref="Commit"/> with <see cref="ParquetWriterOptions.ComputeSha256"/>; else null.</summary>
    public byte[]? Sha256 { get; private set; }

    /// <summary>Bytes written so far (after <see cref="Commit"/>: the file size).</summary>
    public long Position => _pages.Position;

    internal ColumnChunkWriter Chunks => _chunks;

    /// <summary>
    /// Starts a row group of <paramref name="rowCount"/> rows. Write every column, in schema
    /// order, with the returned writer; the row group completes with its last column.
    /// </summary>
    public ParquetRowGroupWriter BeginRowGroup(int rowCount)
    {
        EnsureOpen();
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        if (_rowGroupWriter.IsInProgress)
        {
            throw new InvalidOperationException("The previous row group is not complete: write all of its columns first.");
        }

        _rowGroupWriter.Reset(rowCount);
        return _rowGroupWriter;
    }

    /// <summary>Writes a batch as row groups of at most <see cref="ParquetWriterOptions.RowGroupSize"/> rows.</summary>
    public void WriteBatch(ParquetBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        EnsureOpen();
        if (!ReferenceEquals(batch.Schema, Schema))
        {
            throw new ArgumentException("The batch was built for a different schema object.", nameof(batch));
        }

        batch.EnsureComplete();
        for (var start = 0; start < batch.RowCount; start += Options.RowGroupSize)
        {
            var count = Math.Min(Options.RowGroupSize, batch.RowCount - start);
            var rowGroup = BeginRowGroup(count);
            for (var column = 0; column < Schema.Count; column++)
            {
                batch.WriteColumn(column, rowGroup, start, count);
            }
        }
    }

    /// <summary>
    /// Writes the footer and makes the file durable: flush and fsync, then (for a path) an atomic
    /// rename from the temporary name. A file with no row groups is valid (0 rows, full schema).
    /// </summary>
    public void Commit()
    {
        EnsureOpen();
        if (_rowGroupWriter.IsInProgress)
        {
            throw new InvalidOperationException("A row group is not complete: write all of its columns first.");
        }

        try
        {
            using var footer = new ByteBuffer(4096);
            FooterWriter.Write(footer, Schema, Options, _compressor.Codec, _rowGroups);
            footer.WriteInt32LittleEndian(footer.Length);
            footer.Write("PAR1"u8);
            _pages.WriteRaw(footer.WrittenSpan);
            Sha256 = _hash?.GetHashAndReset();
            if (_stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                _stream.Flush();
            }

            if (_temporaryPath is not null)
            {
                _stream.Dispose();
                File.Move(_temporaryPath, Path!, overwrite: true);
            }

            _state = WriterState.Committed;
        }
        catch
        {
            _state = WriterState.Faulted;
            throw;
        }
    }

    /// <summary>Releases buffers; without a prior <see cref="Commit"/> the temporary file is deleted.</summary>
    public void Dispose()
    {
        if (_state == WriterState.Disposed)
        {
            return;
        }

        var committed = _state == WriterState.Committed;
        _state = WriterState.Disposed;
        _chunks.Dispose();
        _pages.Dispose();
        _compressor.Dispose();
        _hash?.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }

        if (!committed && _temporaryPath is not null)
        {
            File.Delete(_temporaryPath);
        }
    }

    internal void BeginEncoding() => _state = WriterState.Encoding;

    internal void EndEncoding() => _state = WriterState.Open;

    internal void CompleteRowGroup(int rowCount, ColumnChunkMetadata[] columns)
    {
        _rowGroups.Add(new RowGroupMetadata(rowCount, columns));
        RowCount += rowCount;
    }

    internal void EnsureOpen()
    {
        switch (_state)
        {
            case WriterState.Open:
                return;
            case WriterState.Committed:
                throw new InvalidOperationException("The Parquet file is already committed.");
            case WriterState.Encoding or WriterState.Faulted:
                throw new InvalidOperationException("An earlier write failed; the file is incomplete. Dispose the writer.");
            default:
                throw new ObjectDisposedException(nameof(ParquetFileWriter));
        }
    }
}
