using System.Buffers;
using System.Buffers.Binary;
using Life.Parquet.Encodings;
using Life.Parquet.Footer;
using Life.Parquet.Format;

namespace Life.Parquet.Reading;

/// <summary>
/// Decodes the pages of one column chunk (an optional dictionary page, then v1 or v2 data pages)
/// into a <see cref="ParquetColumnData"/>. One instance per reader; its scratch buffers are
/// reused chunk after chunk, so decoding allocates nothing per value (PLAIN strings aside).
/// Errors name the page's file offset; the caller adds the file, row group and column.
/// </summary>
internal sealed partial class ColumnChunkDecoder : IDisposable
{
    private readonly PageDecompressor _decompressor = new();
    private int[] _levels = [];
    private int[] _ids = [];
    private byte[] _scratch = [];

    /// <summary>PLAIN bytes of a fixed-width chunk's dictionary; string dictionaries go straight to the target.</summary>
    private byte[] _dictionary = [];

    /// <summary>Entries in the current chunk's dictionary, or -1 before its dictionary page.</summary>
    private int _dictionaryCount;

    /// <summary>
    /// Decodes <paramref name="chunk"/> (the chunk's bytes, which start at file offset
    /// <paramref name="chunkOffset"/>) into <paramref name="target"/>: exactly
    /// <paramref name="rowCount"/> values, nulls included.
    /// </summary>
    public void Decode(ReadOnlyMemory<byte> chunk, long chunkOffset, int codec, ParquetColumn column, int rowCount, ParquetColumnData target)
    {
        target.Reset(column, rowCount);
        _dictionaryCount = -1;
        var rows = 0;
        var nulls = 0;
        var position = 0;
        while (rows < rowCount)
        {
            if (position >= chunk.Length)
            {
                throw new InvalidDataException($"the column chunk ends after {rows} of its {rowCount} values.");
            }

            var pageOffset = chunkOffset + position;
            try
            {
                var header = PageHeader.Read(chunk.Span[position..], out var headerLength);
                position += headerLength;
                if (header.CompressedPageSize > chunk.Length - position)
                {
                    throw new InvalidDataException($"the page body of {header.CompressedPageSize} bytes runs past the end of the column chunk.");
                }

                var body = chunk.Slice(position, header.CompressedPageSize);
                position += header.CompressedPageSize;
                switch ((PageType)header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, body, codec, column, target, rows);
                        break;
                    case PageType.DataPage:
                        rows += ReadDataPage(header, body, codec, column, target, rows, ref nulls);
                        break;
                    case PageType.DataPageV2:
                        rows += ReadDataPageV2(header, body, codec, column, target, rows, ref nulls);
                        break;
                    default:
                        // Index pages and page types added later carry no values: skip them, as Arrow does.
                        break;
                }
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"page at offset {pageOffset}: {e.Message}", e);
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"page at offset {pageOffset}: {e.Message}", e);
            }
        }

        target.SetNullCount(nulls);
    }

    public void Dispose()
    {
        _decompressor.Dispose();
        Return(ref _levels);
        Return(ref _ids);
        Return(ref _scratch);
        Return(ref _dictionary);
    }

    /// <summary>Scratch space from the shared pool, so that a reader per file costs no new buffers in steady state.</summary>
    private static Span<T> Rent<T>(ref T[] array, int count)
    {
        if (array.Length < count)
        {
            Return(ref array);
            array = ArrayPool<T>.Shared.Rent(count);
        }

        return array.AsSpan(0, count);
    }

    private static void Return<T>(ref T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
            array = [];
        }
    }

    private static int CheckedCount(int values, int rowsLeft) =>
        values >= 0 && values <= rowsLeft
            ? values
            : throw new InvalidDataException($"the page holds {values} values, but only {rowsLeft} rows of the row group are left.");

    private void ReadDictionaryPage(PageHeader header, ReadOnlyMemory<byte> body, int codec, ParquetColumn column, ParquetColumnData target, int rowsRead)
    {
        if (_dictionaryCount >= 0 || rowsRead > 0)
        {
            throw new InvalidDataException("a dictionary page must be the chunk's first page, and only one is allowed.");
        }

        var dictionary = header.DictionaryPageHeader ?? throw FooterFields.Missing("PageHeader", "dictionary_page_header");
        if ((ValueEncoding)dictionary.Encoding is not (ValueEncoding.Plain or ValueEncoding.PlainDictionary))
        {
            throw new NotSupportedException($"dictionary page encoding {EncodingName(dictionary.Encoding)} is not supported (PLAIN is).");
        }

        if (dictionary.NumValues < 0)
        {
            throw new InvalidDataException($"dictionary page of {dictionary.NumValues} entries.");
        }

        var data = _decompressor.Decompress(codec, body, header.UncompressedPageSize).Span;
        switch (column.Type)
        {
            case ParquetType.Boolean:
                throw new InvalidDataException("a BOOLEAN column cannot have a dictionary.");
            case ParquetType.String:
                var position = 0;
                for (var i = 0; i < dictionary.NumValues; i++)
                {
                    target.AddString(ReadPlainString(data, ref position));
                }

                break;
            default:
                var bytes = (long)dictionary.NumValues * WidthOf(column.Type);
                if (bytes > data.Length)
                {
                    throw new InvalidDataException($"dictionary of {dictionary.NumValues} entries needs {bytes} bytes, the page has {data.Length}.");
                }

                data[..(int)bytes].CopyTo(Rent(ref _dictionary, (int)bytes));
                break;
        }

        _dictionaryCount = dictionary.NumValues;
    }

    /// <summary>Data page v1: [definition levels with a 4-byte length][values], compressed together.</summary>
    private int ReadDataPage(PageHeader header, ReadOnlyMemory<byte> body, int codec, ParquetColumn column, ParquetColumnData target, int firstRow, ref int nulls)
    {
        var page = header.DataPageHeader ?? throw FooterFields.Missing("PageHeader", "data_page_header");
        var count = CheckedCount(page.NumValues, target.RowCount - firstRow);
        var data = _decompressor.Decompress(codec, body, header.UncompressedPageSize).Span;
        var present = count;
        if (column.IsNullable)
        {
            if ((ValueEncoding)page.DefinitionLevelEncoding != ValueEncoding.Rle)
            {
                throw new NotSupportedException($"definition levels encoded as {EncodingName(page.DefinitionLevelEncoding)} are not supported (RLE is).");
            }

            if (data.Length < 4)
            {
                throw new InvalidDataException("the page is too short for its definition levels.");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (length < 0 || length > data.Length - 4)
            {
                throw new InvalidDataException($"definition levels of {length} bytes do not fit in the page.");
            }

            present = ReadLevels(data.Slice(4, length), count, target, firstRow);
            data = data[(4 + length)..];
        }

        DecodeValues(page.Encoding, data, target, firstRow, count, present);
        nulls += count - present;
        return count;
    }

    /// <summary>Data page v2: levels first, uncompressed and without length prefixes; then the (maybe compressed) values.</summary>
    private int ReadDataPageV2(PageHeader header, ReadOnlyMemory<byte> body, int codec, ParquetColumn column, ParquetColumnData target, int firstRow, ref int nulls)
    {
        var page = header.DataPageHeaderV2 ?? throw FooterFields.Missing("PageHeader", "data_page_header_v2");
        var count = CheckedCount(page.NumValues, target.RowCount - firstRow);
        var repetition = page.RepetitionLevelsByteLength;
        var definition = page.DefinitionLevelsByteLength;
        if (repetition != 0)
        {
            throw new InvalidDataException($"{repetition} bytes of repetition levels in a column that does not repeat.");
        }

        if (definition < 0 || definition > body.Length || definition > header.UncompressedPageSize)
        {
            throw new InvalidDataException($"definition levels of {definition} bytes do not fit in the page.");
        }

        var present = count;
        if (column.IsNullable)
        {
            present = ReadLevels(body.Span[..definition], count, target, firstRow);
        }

        if (page.NumNulls != count - present)
        {
            throw new InvalidDataException($"the header says {page.NumNulls} nulls, the definition levels {count - present}.");
        }

        var values = body[definition..];
        var size = header.UncompressedPageSize - definition;
        var data = page.IsCompressed
            ? _decompressor.Decompress(codec, values, size).Span
            : values.Length == size ? values.Span : throw new InvalidDataException($"uncompressed values of {values.Length} bytes, the header says {size}.");
        DecodeValues(page.Encoding, data, target, firstRow, count, present);
        nulls += count - present;
        return count;
    }

    /// <summary>Definition levels (max level 1) into the target's validity; returns the values present.</summary>
    private int ReadLevels(ReadOnlySpan<byte> data, int count, ParquetColumnData target, int firstRow)
    {
        var levels = Rent(ref _levels, count);
        new RleHybridReader(data, bitWidth: 1).Read(levels);
        var validity = target.ValidityBuffer.Slice(firstRow, count);
        var present = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            validity[i] = level != 0;
            present += level;
        }

        return present;
    }
}
