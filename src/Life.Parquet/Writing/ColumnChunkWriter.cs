using System.Buffers;
using System.Runtime.InteropServices;
using Life.Parquet.Encodings;
using Life.Parquet.Format;
using Life.Parquet.IO;

namespace Life.Parquet.Writing;

/// <summary>
/// Encodes one column chunk at a time into pages: chooses dictionary or PLAIN, computes the
/// statistics, splits rows into pages of about <see cref="ParquetWriterOptions.PageSize"/> and
/// hands each page body (definition levels, then values) to the <see cref="PageWriter"/>.
/// One instance per file; its buffers are reused for every chunk.
/// </summary>
internal sealed partial class ColumnChunkWriter : IDisposable
{
    private readonly ParquetWriterOptions _options;
    private readonly PageWriter _pages;
    private readonly ByteBuffer _body = new(64 * 1024);
    private readonly FixedWidthDictionary _numberDictionary = new();
    private readonly Utf8Dictionary _stringDictionary = new();
    private int[] _ids = [];
    private bool[] _validity = [];

    public ColumnChunkWriter(ParquetWriterOptions options, PageWriter pages)
    {
        _options = options;
        _pages = pages;
    }

    public void Dispose()
    {
        _body.Dispose();
        _stringDictionary.Dispose();
        ReturnToPool(ref _ids);
        ReturnToPool(ref _validity);
    }

    /// <summary>A dictionary is worth it only when values repeat: at most half of them distinct.</summary>
    private static bool DictionaryPays(int entries, int nonNullValues) => entries > 0 && entries * 2L <= nonNullValues;

    /// <summary>Nulls in a caller's validity span (true = present); validity must be empty or match the rows.</summary>
    private static int CountNulls(ParquetColumn column, ReadOnlySpan<bool> validity, int rowCount)
    {
        if (validity.IsEmpty)
        {
            return 0;
        }

        if (validity.Length != rowCount)
        {
            throw new ArgumentException(
                $"Column '{column.Name}': validity has {validity.Length} entries for {rowCount} rows.", nameof(validity));
        }

        var nulls = validity.Count(false);
        if (nulls > 0 && !column.IsNullable)
        {
            throw new ArgumentException($"Column '{column.Name}' is REQUIRED but {nulls} values are marked null.", nameof(validity));
        }

        return nulls;
    }

    private static Span<T> Rent<T>(ref T[] array, int count)
    {
        if (array.Length < count)
        {
            ReturnToPool(ref array);
            array = ArrayPool<T>.Shared.Rent(count);
        }

        return array.AsSpan(0, count);
    }

    private static void ReturnToPool<T>(ref T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        array = [];
    }

    private Span<int> RentIds(int count) => Rent(ref _ids, count);

    private Span<bool> RentValidity(int count) => Rent(ref _validity, count);

    /// <summary>
    /// Starts a page body with the definition levels of rows [row, row + count) when the column
    /// has them (v1: 4-byte length, then RLE hybrid of width 1). Returns the non-null values.
    /// </summary>
    private int BeginPage(ReadOnlySpan<bool> validity, int row, int count, bool hasLevels)
    {
        _body.Clear();
        if (!hasLevels)
        {
            return count;
        }

        var lengthPosition = _body.Length;
        _body.WriteInt32LittleEndian(0);
        int present;
        if (validity.IsEmpty)
        {
            // Every value present: a single RLE run of 1s.
            _body.WriteVarUInt64((ulong)count << 1);
            _body.WriteByte(1);
            present = count;
        }
        else
        {
            var page = validity.Slice(row, count);
            RleHybridEncoder.Encode(MemoryMarshal.Cast<bool, byte>(page), 1, _body);
            present = page.Count(true);
        }

        _body.SetInt32LittleEndian(lengthPosition, _body.Length - lengthPosition - 4);
        return present;
    }

    /// <summary>
    /// Data pages of a dictionary-encoded chunk (the dictionary page is already written):
    /// levels, a one-byte bit width, then the RLE hybrid ids (no length prefix).
    /// </summary>
    private void WriteDictionaryDataPages(ReadOnlySpan<int> ids, ReadOnlySpan<bool> validity, int rowCount, bool hasLevels, int entries)
    {
        var bitWidth = RleHybridEncoder.BitWidthFor(entries);
        var rowsPerPage = (int)Math.Clamp(_options.PageSize * 8L / bitWidth, 8, int.MaxValue);
        var idStart = 0;
        for (var row = 0; row < rowCount; row += rowsPerPage)
        {
            var count = Math.Min(rowsPerPage, rowCount - row);
            var present = BeginPage(validity, row, count, hasLevels);
            _body.WriteByte((byte)bitWidth);
            RleHybridEncoder.Encode(ids.Slice(idStart, present), bitWidth, _body);
            idStart += present;
            _pages.WriteDataPage(_body.WrittenSpan, count, ValueEncoding.RleDictionary);
        }
    }
}
