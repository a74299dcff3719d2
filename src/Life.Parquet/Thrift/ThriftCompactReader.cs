using System.Buffers.Binary;
using System.Text;

namespace Life.Parquet.Thrift;

/// <summary>
/// Reads Thrift compact-protocol structs (the Parquet footer and page headers) from a span. Every
/// read is bounds-checked and malformed input throws <see cref="InvalidDataException"/>, so a
/// corrupt footer can never index outside the buffer. Struct readers call
/// <see cref="BeginStruct"/>, loop on <see cref="NextField"/>, skip the fields they do not know
/// with <see cref="Skip"/>, and close with <see cref="EndStruct"/>, which restores the enclosing
/// struct's field-id delta base.
/// </summary>
internal ref struct ThriftCompactReader
{
    /// <summary>Parquet metadata nests a few levels; anything deeper is corrupt or hostile.</summary>
    private const int MaxDepth = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private short _lastFieldId;
    private int _depth;

    public ThriftCompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Enters a struct; returns the enclosing struct's last field id for <see cref="EndStruct"/>.</summary>
    public short BeginStruct()
    {
        if (++_depth > MaxDepth)
        {
            throw new InvalidDataException("Thrift structs are nested too deeply.");
        }

        var saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    /// <summary>Leaves a struct whose stop byte <see cref="NextField"/> has consumed.</summary>
    public void EndStruct(short saved)
    {
        _depth--;
        _lastFieldId = saved;
    }

    /// <summary>The next field's id and type, or false at the struct's stop byte.</summary>
    public bool NextField(out short id, out CompactType type)
    {
        var header = ReadByte();
        if (header == 0)
        {
            id = 0;
            type = 0;
            return false;
        }

        type = (CompactType)(header & 0x0F);
        var delta = header >> 4;
        id = delta == 0 ? ReadI16() : (short)(_lastFieldId + delta);
        _lastFieldId = id;
        return true;
    }

    /// <summary>A bool field's value, which the compact protocol keeps in the field's type nibble.</summary>
    public static bool BoolValue(CompactType type) => type switch
    {
        CompactType.BooleanTrue => true,
        CompactType.BooleanFalse => false,
        _ => throw new InvalidDataException($"Thrift field of type {(int)type} where a bool was expected."),
    };

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new InvalidDataException("Thrift data ends early.");
        }

        return _data[_position++];
    }

    public short ReadI16()
    {
        var value = ReadI32();
        if (value is < short.MinValue or > short.MaxValue)
        {
            throw new InvalidDataException($"Thrift i16 value {value} is out of range.");
        }

        return (short)value;
    }

    public int ReadI32()
    {
        var raw = ReadVarUInt64(maxBytes: 5);
        if (raw > uint.MaxValue)
        {
            throw new InvalidDataException("Thrift i32 varint is too long.");
        }

        var zigzag = (uint)raw;
        return (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
    }

    public long ReadI64()
    {
        var zigzag = ReadVarUInt64(maxBytes: 10);
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A binary or string field's bytes (a view into the input).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadVarUInt64(maxBytes: 5);
        if (length > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"Thrift binary of {length} bytes runs past the end of the data.");
        }

        return Take((int)length);
    }

    public string ReadString()
    {
        var bytes = ReadBinary();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("Thrift string is not valid UTF-8.");
        }
    }

    /// <summary>A list or set header: element type and count (checked against the bytes left).</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        var header = ReadByte();
        elementType = (CompactType)(header & 0x0F);
        var count = (ulong)(header >> 4);
        if (count == 15)
        {
            count = ReadVarUInt64(maxBytes: 5);
        }

        // Every element takes at least one byte, so a larger count can only be corruption.
        if (count > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"Thrift list of {count} elements is longer than the data.");
        }

        return (int)count;
    }

    /// <summary>Skips a value of <paramref name="type"/> (fields this reader does not use).</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue or CompactType.BooleanFalse:
                // A bool field's value is its type nibble: no payload.
                break;
            case CompactType.I8:
                ReadByte();
                break;
            case CompactType.I16 or CompactType.I32 or CompactType.I64:
                ReadVarUInt64(maxBytes: 10);
                break;
            case CompactType.Double:
                Take(8);
                break;
            case CompactType.Binary:
                ReadBinary();
                break;
            case CompactType.List or CompactType.Set:
                SkipList();
                break;
            case CompactType.Map:
                SkipMap();
                break;
            case CompactType.Struct:
                SkipStruct();
                break;
            case CompactType.Uuid:
                Take(16);
                break;
            default:
                throw new InvalidDataException($"Unknown Thrift compact type {(int)type}.");
        }
    }

    private void SkipElement(CompactType type)
    {
        // Inside lists, sets and maps a bool is a whole byte.
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type);
        }
    }

    private void SkipList()
    {
        var count = ReadListHeader(out var elementType);
        for (var i = 0; i < count; i++)
        {
            SkipElement(elementType);
        }
    }

    private void SkipMap()
    {
        var count = ReadVarUInt64(maxBytes: 5);
        if (count == 0)
        {
            return;
        }

        if (count > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"Thrift map of {count} entries is longer than the data.");
        }

        var types = ReadByte();
        for (var i = 0UL; i < count; i++)
        {
            SkipElement((CompactType)(types >> 4));
            SkipElement((CompactType)(types & 0x0F));
        }
    }

    private void SkipStruct()
    {
        var saved = BeginStruct();
        while (NextField(out _, out var type))
        {
            Skip(type);
        }

        EndStruct(saved);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new InvalidDataException("Thrift data ends early.");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private ulong ReadVarUInt64(int maxBytes)
    {
        ulong value = 0;
        for (var i = 0; i < maxBytes; i++)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Thrift varint is too long.");
    }
}
