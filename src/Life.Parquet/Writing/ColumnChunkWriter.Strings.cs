using System.Buffers.Binary;
using Life.Parquet.Encodings;
using Life.Parquet.Format;
using Life.Parquet.IO;

namespace Life.Parquet.Writing;

/// <content>BYTE_ARRAY (STRING) chunks, from strings or from caller-held (dictionary, indices).</content>
internal sealed partial class ColumnChunkWriter
{
    public ColumnChunkMetadata WriteStrings(ParquetColumn column, ReadOnlySpan<string?> values)
    {
        var validity = RentValidity(values.Length);
        var nullCount = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var present = values[i] is not null;
            validity[i] = present;
            nullCount += present ? 0 : 1;
        }

        var nonNull = values.Length - nullCount;
        var useDictionary = _options.EnableDictionary
            && _stringDictionary.TryEncode(values, RentIds(nonNull), _options.DictionaryMaxEntries, _options.DictionaryMaxBytes)
            && DictionaryPays(_stringDictionary.Count, nonNull);
        return WriteStringChunk(column, new StringSource(values), validity, nullCount, useDictionary);
    }

    public ColumnChunkMetadata WriteStrings(ParquetColumn column, ReadOnlySpan<string> dictionary, ReadOnlySpan<int> indices)
    {
        Span<bool> validity = default;
        var nullCount = 0;
        if (indices.IndexOfAnyExceptInRange(0, dictionary.Length - 1) >= 0)
        {
            validity = RentValidity(indices.Length);
            for (var i = 0; i < indices.Length; i++)
            {
                var index = indices[i];
                if (index >= dictionary.Length)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(indices), index, $"Column '{column.Name}': index {index} at row {i} is outside the {dictionary.Length}-entry dictionary.");
                }

                validity[i] = index >= 0;
                nullCount += index >= 0 ? 0 : 1;
            }
        }

        var nonNull = indices.Length - nullCount;
        var useDictionary = _options.EnableDictionary
            && _stringDictionary.TryEncode(dictionary, indices, RentIds(nonNull), _options.DictionaryMaxEntries, _options.DictionaryMaxBytes)
            && DictionaryPays(_stringDictionary.Count, nonNull);
        return WriteStringChunk(column, new StringSource(dictionary, indices), validity, nullCount, useDictionary);
    }

    private ColumnChunkMetadata WriteStringChunk(ParquetColumn column, StringSource source, ReadOnlySpan<bool> validity, int nullCount, bool useDictionary)
    {
        if (nullCount > 0 && !column.IsNullable)
        {
            throw new ArgumentException($"Column '{column.Name}' is REQUIRED but {nullCount} values are null.");
        }

        if (nullCount == 0)
        {
            validity = default;
        }

        _pages.BeginChunk();
        ColumnStatistics statistics;
        if (useDictionary)
        {
            _body.Clear();
            _stringDictionary.WritePlain(_body);
            _pages.WriteDictionaryPage(_body.WrittenSpan, _stringDictionary.Count);
            var (min, max) = _stringDictionary.MinMaxIds();
            statistics = StatisticsBuilder.ForStrings(
                _stringDictionary[min], _stringDictionary[max], found: true, nullCount, _options.MaxStatisticsBytes);
            var nonNull = source.Length - nullCount;
            WriteDictionaryDataPages(_ids.AsSpan(0, nonNull), validity, source.Length, column.IsNullable, _stringDictionary.Count);
        }
        else
        {
            statistics = WritePlainStringPages(source, validity, nullCount, column.IsNullable);
        }

        return _pages.EndChunk(source.Length, column.IsNullable, statistics);
    }

    /// <summary>PLAIN pages (4-byte length + UTF-8 per non-null value); min/max tracked on the encoded bytes.</summary>
    private ColumnStatistics WritePlainStringPages(StringSource source, ReadOnlySpan<bool> validity, int nullCount, bool hasLevels)
    {
        using var min = new ByteBuffer(64);
        using var max = new ByteBuffer(64);
        var found = false;
        var row = 0;
        while (row < source.Length)
        {
            // Page boundary from an estimate (UTF-16 length) so that levels can be written first.
            var end = row;
            long estimate = 0;
            while (end < source.Length && (end == row || estimate < _options.PageSize))
            {
                estimate += 4 + (source[end]?.Length ?? 0);
                end++;
            }

            BeginPage(validity, row, end - row, hasLevels);
            for (var i = row; i < end; i++)
            {
                if (!validity.IsEmpty && !validity[i])
                {
                    continue;
                }

                var value = source[i] ?? throw new ArgumentException("A dictionary entry used by a non-null index is null.");

                var span = _body.GetSpan(4 + StrictUtf8.Encoding.GetMaxByteCount(value.Length));
                var length = StrictUtf8.Encoding.GetBytes(value, span[4..]);
                BinaryPrimitives.WriteInt32LittleEndian(span, length);
                var encoded = span.Slice(4, length);
                if (!found)
                {
                    min.Write(encoded);
                    max.Write(encoded);
                    found = true;
                }
                else if (encoded.SequenceCompareTo(min.WrittenSpan) < 0)
                {
                    min.Clear();
                    min.Write(encoded);
                }
                else if (encoded.SequenceCompareTo(max.WrittenSpan) > 0)
                {
                    max.Clear();
                    max.Write(encoded);
                }

                _body.Advance(4 + length);
            }

            _pages.WriteDataPage(_body.WrittenSpan, end - row, ValueEncoding.Plain);
            row = end;
        }

        return StatisticsBuilder.ForStrings(min.WrittenSpan, max.WrittenSpan, found, nullCount, _options.MaxStatisticsBytes);
    }
}
