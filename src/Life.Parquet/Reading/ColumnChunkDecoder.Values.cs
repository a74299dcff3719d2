using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Life.Parquet.Encodings;
using Life.Parquet.Format;

namespace Life.Parquet.Reading;

/// <content>
/// Value sections of data pages: PLAIN, dictionary ids (PLAIN_DICTIONARY / RLE_DICTIONARY),
/// RLE booleans and BYTE_STREAM_SPLIT, scattered to their rows around the nulls.
/// </content>
internal sealed partial class ColumnChunkDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static int WidthOf(ParquetType type) => type switch
    {
        ParquetType.Int32 or ParquetType.Float => 4,
        _ => 8,
    };

    private static string EncodingName(int encoding) => FormatNames.Encoding(encoding);

    private static NotSupportedException UnsupportedEncoding(int encoding, ParquetType type) =>
        new($"encoding {EncodingName(encoding)} is not supported for {type} columns (PLAIN, dictionary, RLE booleans and BYTE_STREAM_SPLIT are).");

    private static bool IsDictionary(int encoding) =>
        (ValueEncoding)encoding is ValueEncoding.PlainDictionary or ValueEncoding.RleDictionary;

    /// <summary>Copies the page's present values to their rows; rows whose validity is false get the default.</summary>
    private static void Scatter<T>(ReadOnlySpan<T> values, Span<T> rows, ReadOnlySpan<bool> validity, int present)
        where T : unmanaged
    {
        if (present == rows.Length)
        {
            values.CopyTo(rows);
            return;
        }

        var next = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = validity[i] ? values[next++] : default;
        }
    }

    private static string ReadPlainString(ReadOnlySpan<byte> data, ref int position)
    {
        if (data.Length - position < 4)
        {
            throw new InvalidDataException("a PLAIN string's length runs past the end of the page.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        position += 4;
        if (length < 0 || length > data.Length - position)
        {
            throw new InvalidDataException($"a PLAIN string of {length} bytes runs past the end of the page.");
        }

        var bytes = data.Slice(position, length);
        position += length;
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("a string value is not valid UTF-8.");
        }
    }

    private void DecodeValues(int encoding, ReadOnlySpan<byte> data, ParquetColumnData target, int firstRow, int count, int present)
    {
        var validity = target.Column.IsNullable ? target.ValidityBuffer.Slice(firstRow, count) : default;
        switch (target.Column.Type)
        {
            case ParquetType.Int32:
                DecodeFixed(encoding, data, target.ValueBuffer<int>().Slice(firstRow, count), validity, present, target.Column.Type);
                break;
            case ParquetType.Int64 or ParquetType.TimestampMicros:
                DecodeFixed(encoding, data, target.ValueBuffer<long>().Slice(firstRow, count), validity, present, target.Column.Type);
                break;
            case ParquetType.Float:
                DecodeFixed(encoding, data, target.ValueBuffer<float>().Slice(firstRow, count), validity, present, target.Column.Type);
                break;
            case ParquetType.Double:
                DecodeFixed(encoding, data, target.ValueBuffer<double>().Slice(firstRow, count), validity, present, target.Column.Type);
                break;
            case ParquetType.Boolean:
                DecodeBooleans(encoding, data, target.BooleanBuffer.Slice(firstRow, count), validity, present);
                break;
            default:
                DecodeStrings(encoding, data, target, target.IndexBuffer.Slice(firstRow, count), validity, present);
                break;
        }
    }

    private void DecodeFixed<T>(int encoding, ReadOnlySpan<byte> data, Span<T> rows, ReadOnlySpan<bool> validity, int present, ParquetType type)
        where T : unmanaged
    {
        var width = Unsafe.SizeOf<T>();
        if (IsDictionary(encoding))
        {
            var ids = ReadIds(data, present);
            var dictionary = MemoryMarshal.Cast<byte, T>(_dictionary.AsSpan(0, _dictionaryCount * width));
            var next = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                if (present != rows.Length && !validity[i])
                {
                    rows[i] = default;
                    continue;
                }

                var id = ids[next++];
                rows[i] = (uint)id < (uint)dictionary.Length ? dictionary[id] : throw BadId(id);
            }

            return;
        }

        if ((ValueEncoding)encoding is not (ValueEncoding.Plain or ValueEncoding.ByteStreamSplit))
        {
            throw UnsupportedEncoding(encoding, type);
        }

        var bytes = (long)present * width;
        if (bytes > data.Length)
        {
            throw new InvalidDataException($"{present} values need {bytes} bytes, the page has {data.Length}.");
        }

        if ((ValueEncoding)encoding == ValueEncoding.Plain)
        {
            Scatter(MemoryMarshal.Cast<byte, T>(data[..(int)bytes]), rows, validity, present);
            return;
        }

        // BYTE_STREAM_SPLIT: byte b of value i is at b * present + i; regroup into PLAIN order first.
        var plain = Rent(ref _scratch, (int)bytes);
        for (var b = 0; b < width; b++)
        {
            var stream = data.Slice(b * present, present);
            for (var i = 0; i < present; i++)
            {
                plain[(i * width) + b] = stream[i];
            }
        }

        Scatter(MemoryMarshal.Cast<byte, T>(plain), rows, validity, present);
    }

    private void DecodeBooleans(int encoding, ReadOnlySpan<byte> data, Span<bool> rows, ReadOnlySpan<bool> validity, int present)
    {
        Span<int> bits;
        switch ((ValueEncoding)encoding)
        {
            case ValueEncoding.Plain:
                if ((present + 7L) / 8 > data.Length)
                {
                    throw new InvalidDataException($"{present} PLAIN booleans need {(present + 7) / 8} bytes, the page has {data.Length}.");
                }

                bits = Rent(ref _ids, present);
                for (var i = 0; i < present; i++)
                {
                    bits[i] = (data[i >> 3] >> (i & 7)) & 1;
                }

                break;
            case ValueEncoding.Rle:
                // RLE booleans keep their 4-byte length prefix in v1 and v2 pages alike.
                var length = data.Length < 4 ? -1 : BinaryPrimitives.ReadInt32LittleEndian(data);
                if (length < 0 || length > data.Length - 4)
                {
                    throw new InvalidDataException("RLE booleans' length prefix does not fit in the page.");
                }

                bits = Rent(ref _ids, present);
                new RleHybridReader(data.Slice(4, length), bitWidth: 1).Read(bits);
                break;
            default:
                throw UnsupportedEncoding(encoding, ParquetType.Boolean);
        }

        var next = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (present == rows.Length || validity[i]) && bits[next++] != 0;
        }
    }

    private void DecodeStrings(int encoding, ReadOnlySpan<byte> data, ParquetColumnData target, Span<int> rows, ReadOnlySpan<bool> validity, int present)
    {
        if (IsDictionary(encoding))
        {
            var ids = ReadIds(data, present);
            var next = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                if (present != rows.Length && !validity[i])
                {
                    rows[i] = -1;
                    continue;
                }

                var id = ids[next++];
                rows[i] = (uint)id < (uint)_dictionaryCount ? id : throw BadId(id);
            }

            return;
        }

        if ((ValueEncoding)encoding != ValueEncoding.Plain)
        {
            throw UnsupportedEncoding(encoding, ParquetType.String);
        }

        var position = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = present == rows.Length || validity[i] ? target.AddString(ReadPlainString(data, ref position)) : -1;
        }
    }

    /// <summary>Dictionary ids of a data page: a one-byte bit width, then the RLE hybrid (no length prefix).</summary>
    private ReadOnlySpan<int> ReadIds(ReadOnlySpan<byte> data, int present)
    {
        if (_dictionaryCount < 0)
        {
            throw new InvalidDataException("a dictionary-encoded page comes before any dictionary page.");
        }

        var ids = Rent(ref _ids, present);
        if (present == 0)
        {
            return ids;
        }

        if (data.IsEmpty)
        {
            throw new InvalidDataException("a dictionary-encoded page has no bit width.");
        }

        new RleHybridReader(data[1..], data[0]).Read(ids);
        return ids;
    }

    private InvalidDataException BadId(int id) =>
        new($"dictionary index {(uint)id} is outside the {_dictionaryCount}-entry dictionary.");
}
