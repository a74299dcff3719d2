using System.Security.Cryptography;
using Life.Parquet.Compression;
using Life.Parquet.Format;
using Life.Parquet.IO;
using Life.Parquet.Thrift;

namespace Life.Parquet.Writing;

/// <summary>
/// Compresses page bodies, writes each as PageHeader + body to the output, and keeps the
/// per-chunk totals and offsets that the footer needs (sizes include the page headers).
/// </summary>
internal sealed class PageWriter : IDisposable
{
    private readonly Stream _output;
    private readonly PageCompressor _compressor;
    private readonly IncrementalHash? _hash;
    private readonly ByteBuffer _header = new(256);
    private readonly ThriftCompactWriter _thrift;

    private long _uncompressedSize;
    private long _compressedSize;
    private long _dataPageOffset;
    private long? _dictionaryPageOffset;
    private int _plainDataPages;
    private int _dictionaryDataPages;

    public PageWriter(Stream output, PageCompressor compressor, IncrementalHash? hash = null)
    {
        _output = output;
        _compressor = compressor;
        _hash = hash;
        _thrift = new ThriftCompactWriter(_header);
    }

    /// <summary>Bytes written so far: the absolute file offset of the next write.</summary>
    public long Position { get; private set; }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _hash?.AppendData(bytes);
        Position += bytes.Length;
    }

    public void BeginChunk()
    {
        _uncompressedSize = 0;
        _compressedSize = 0;
        _dataPageOffset = -1;
        _dictionaryPageOffset = null;
        _plainDataPages = 0;
        _dictionaryDataPages = 0;
    }

    public void WriteDictionaryPage(ReadOnlySpan<byte> body, int entryCount)
    {
        _dictionaryPageOffset = Position;
        WritePage(PageType.DictionaryPage, body, entryCount, ValueEncoding.Plain);
    }

    public void WriteDataPage(ReadOnlySpan<byte> body, int valueCount, ValueEncoding encoding)
    {
        if (_dataPageOffset < 0)
        {
            _dataPageOffset = Position;
        }

        if (encoding == ValueEncoding.RleDictionary)
        {
            _dictionaryDataPages++;
        }
        else
        {
            _plainDataPages++;
        }

        WritePage(PageType.DataPage, body, valueCount, encoding);
    }

    public ColumnChunkMetadata EndChunk(long valueCount, bool hasLevels, ColumnStatistics statistics) => new()
    {
        ValueCount = valueCount,
        TotalUncompressedSize = _uncompressedSize,
        TotalCompressedSize = _compressedSize,
        DataPageOffset = _dataPageOffset,
        DictionaryPageOffset = _dictionaryPageOffset,
        PlainDataPages = _plainDataPages,
        DictionaryDataPages = _dictionaryDataPages,
        HasLevels = hasLevels,
        Statistics = statistics,
    };

    public void Dispose()
    {
        _header.Dispose();
    }

    private void WritePage(PageType type, ReadOnlySpan<byte> body, int valueCount, ValueEncoding encoding)
    {
        var compressed = _compressor.Compress(body);

        _header.Clear();
        _thrift.BeginStruct();
        _thrift.WriteI32Field(1, (int)type);
        _thrift.WriteI32Field(2, body.Length);
        _thrift.WriteI32Field(3, compressed.Length);
        if (type == PageType.DictionaryPage)
        {
            _thrift.BeginStructField(7);
            _thrift.WriteI32Field(1, valueCount);
            _thrift.WriteI32Field(2, (int)ValueEncoding.Plain);
            _thrift.EndStruct();
        }
        else
        {
            // Both level encodings are required fields even when a column has no levels.
            _thrift.BeginStructField(5);
            _thrift.WriteI32Field(1, valueCount);
            _thrift.WriteI32Field(2, (int)encoding);
            _thrift.WriteI32Field(3, (int)ValueEncoding.Rle);
            _thrift.WriteI32Field(4, (int)ValueEncoding.Rle);
            _thrift.EndStruct();
        }

        _thrift.EndStruct();

        WriteRaw(_header.WrittenSpan);
        WriteRaw(compressed);
        _uncompressedSize += _header.Length + body.Length;
        _compressedSize += _header.Length + compressed.Length;
    }
}
