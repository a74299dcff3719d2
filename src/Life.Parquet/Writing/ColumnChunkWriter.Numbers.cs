using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Life.Parquet.Format;

namespace Life.Parquet.Writing;

/// <content>INT32, INT64, FLOAT and DOUBLE chunks (timestamps are INT64).</content>
internal sealed partial class ColumnChunkWriter
{
    public ColumnChunkMetadata WriteNumbers<T>(ParquetColumn column, ReadOnlySpan<T> values, ReadOnlySpan<bool> validity)
        where T : unmanaged, INumber<T>
    {
        var nullCount = CountNulls(column, validity, values.Length);
        if (nullCount == 0)
        {
            validity = default;
        }

        var statistics = StatisticsBuilder.ForNumbers(values, validity, nullCount);
        var width = Unsafe.SizeOf<T>();
        var nonNull = values.Length - nullCount;
        var ids = RentIds(nonNull);
        var maxEntries = Math.Min(_options.DictionaryMaxEntries, _options.DictionaryMaxBytes / width);

        _pages.BeginChunk();
        if (_options.EnableDictionary
            && _numberDictionary.TryEncode(values, validity, ids, maxEntries)
            && DictionaryPays(_numberDictionary.Count, nonNull))
        {
            WriteNumberDictionaryPage(width);
            WriteDictionaryDataPages(ids, validity, values.Length, column.IsNullable, _numberDictionary.Count);
        }
        else
        {
            WritePlainNumberPages(values, validity, column.IsNullable);
        }

        return _pages.EndChunk(values.Length, column.IsNullable, statistics);
    }

    private void WriteNumberDictionaryPage(int width)
    {
        _body.Clear();
        var entries = _numberDictionary.Entries;
        if (width == 8)
        {
            _body.Write(MemoryMarshal.AsBytes(entries));
        }
        else
        {
            var span = _body.GetSpan(entries.Length * 4);
            for (var i = 0; i < entries.Length; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(i * 4)..], (uint)entries[i]);
            }

            _body.Advance(entries.Length * 4);
        }

        _pages.WriteDictionaryPage(_body.WrittenSpan, entries.Length);
    }

    private void WritePlainNumberPages<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> validity, bool hasLevels)
        where T : unmanaged
    {
        var width = Unsafe.SizeOf<T>();
        var rowsPerPage = Math.Max(1, _options.PageSize / width);
        for (var row = 0; row < values.Length; row += rowsPerPage)
        {
            var count = Math.Min(rowsPerPage, values.Length - row);
            var present = BeginPage(validity, row, count, hasLevels);
            var page = values.Slice(row, count);
            if (present == count)
            {
                _body.Write(MemoryMarshal.AsBytes(page));
            }
            else
            {
                // Only non-null values are stored; nulls live in the definition levels alone.
                var destination = _body.GetSpan(present * width);
                var pageValidity = validity.Slice(row, count);
                var written = 0;
                for (var i = 0; i < page.Length; i++)
                {
                    if (pageValidity[i])
                    {
                        MemoryMarshal.Write(destination[(written * width)..], in page[i]);
                        written++;
                    }
                }

                _body.Advance(present * width);
            }

            _pages.WriteDataPage(_body.WrittenSpan, count, ValueEncoding.Plain);
        }
    }
}
