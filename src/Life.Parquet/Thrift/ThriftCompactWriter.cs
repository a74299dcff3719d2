using Life.Parquet.Encodings;
using Life.Parquet.IO;

namespace Life.Parquet.Thrift;

/// <summary>
/// Writes Thrift compact-protocol structs: the Parquet page headers and the file footer.
/// Fields must be written in ascending id order; every struct (the outermost included) is opened
/// with a Begin call and closed with <see cref="EndStruct"/>, which restores the enclosing
/// struct's field-id delta base.
/// </summary>
internal sealed class ThriftCompactWriter(ByteBuffer output)
{
    private const int MaxDepth = 16;

    private readonly short[] _savedFieldIds = new short[MaxDepth];
    private int _depth;
    private short _lastFieldId;

    /// <summary>Opens the outermost struct, or a struct that is a list element.</summary>
    public void BeginStruct()
    {
        if (_depth == MaxDepth)
        {
            throw new InvalidOperationException("Thrift structs are nested too deeply.");
        }

        _savedFieldIds[_depth++] = _lastFieldId;
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        output.WriteByte(0);
        _lastFieldId = _savedFieldIds[--_depth];
    }

    public void BeginStructField(short id)
    {
        WriteFieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    /// <summary>An empty struct field, such as <c>StringType {}</c>: header plus stop byte.</summary>
    public void WriteEmptyStructField(short id)
    {
        BeginStructField(id);
        EndStruct();
    }

    public void WriteBoolField(short id, bool value) =>
        WriteFieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void WriteI16Field(short id, short value)
    {
        WriteFieldHeader(id, CompactType.I16);
        WriteI32Element(value);
    }

    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, CompactType.I32);
        WriteI32Element(value);
    }

    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, CompactType.I64);
        output.WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));
    }

    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, CompactType.Binary);
        WriteBinaryElement(value);
    }

    public void WriteStringField(short id, string value)
    {
        WriteFieldHeader(id, CompactType.Binary);
        WriteStringElement(value);
    }

    public void BeginListField(short id, CompactType elementType, int count)
    {
        WriteFieldHeader(id, CompactType.List);
        if (count < 15)
        {
            output.WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            output.WriteByte((byte)(0xF0 | (byte)elementType));
            output.WriteVarUInt64((uint)count);
        }
    }

    public void WriteI32Element(int value) => output.WriteVarUInt64((uint)((value << 1) ^ (value >> 31)));

    public void WriteBinaryElement(ReadOnlySpan<byte> value)
    {
        output.WriteVarUInt64((uint)value.Length);
        output.Write(value);
    }

    public void WriteStringElement(string value)
    {
        var length = StrictUtf8.Encoding.GetByteCount(value);
        output.WriteVarUInt64((uint)length);
        var written = StrictUtf8.Encoding.GetBytes(value, output.GetSpan(length));
        output.Advance(written);
    }

    private void WriteFieldHeader(short id, CompactType type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            output.WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            // Long form: type byte, then the field id as a zigzag varint i16.
            output.WriteByte((byte)type);
            output.WriteVarUInt64((uint)((id << 1) ^ (id >> 15)));
        }

        _lastFieldId = id;
    }
}
