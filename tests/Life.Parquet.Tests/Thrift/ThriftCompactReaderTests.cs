using Life.Parquet.Footer;
using Life.Parquet.IO;
using Life.Parquet.Thrift;

namespace Life.Parquet.Tests.Thrift;

public sealed class ThriftCompactReaderTests
{
    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        var bytes = Write(w =>
        {
            w.WriteI32Field(1, -123456);
            w.WriteI64Field(2, long.MinValue);
            w.WriteStringField(4, "schema ü");
            w.WriteBoolField(5, true);
            w.WriteBoolField(6, false);
            w.WriteI16Field(40, -7);
        });
        var reader = new ThriftCompactReader(bytes);
        var saved = reader.BeginStruct();

        Assert.True(reader.NextField(out var id, out var type));
        Assert.Equal((1, CompactType.I32, -123456), (id, type, reader.ReadI32()));
        Assert.True(reader.NextField(out id, out type));
        Assert.Equal((2, CompactType.I64, long.MinValue), (id, type, reader.ReadI64()));
        Assert.True(reader.NextField(out id, out type));
        Assert.Equal((4, CompactType.Binary, "schema ü"), (id, type, reader.ReadString()));
        Assert.True(reader.NextField(out id, out type));
        Assert.Equal((5, true), (id, ThriftCompactReader.BoolValue(type)));
        Assert.True(reader.NextField(out id, out type));
        Assert.Equal((6, false), (id, ThriftCompactReader.BoolValue(type)));
        Assert.True(reader.NextField(out id, out type));
        Assert.Equal((40, CompactType.I16, (short)-7), (id, type, reader.ReadI16()));
        Assert.False(reader.NextField(out _, out _));
        reader.EndStruct(saved);
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void Unknown_fields_of_every_type_are_skipped_and_known_ones_still_read()
    {
        // KeyValue with unknown fields 3..13 of every compact type (nested containers included)
        // around its known fields, the way a newer writer might add them.
        byte[] bytes =
        [
            0x18, 0x01, (byte)'k',                   // 1: key = "k"
            0x13, 0x7F,                              // 2: an i8 where KeyValue.value (a string) belongs
            0x14, 0x03,                              // 3: i16
            0x15, 0x80, 0x01,                        // 4: i32
            0x16, 0xFF, 0xFF, 0x03,                  // 5: i64
            0x17, 1, 2, 3, 4, 5, 6, 7, 8,            // 6: double
            0x11,                                    // 7: bool true (no payload)
            0x19, 0x28, 0x01, 0x61, 0x00,            // 8: list<binary> of 2: "a", ""
            0x1A, 0x21, 0x01,                        // 9: set<bool> of 2 elements (1 byte each)
            0x02,
            0x1B, 0x02, 0x85, 0x01, 0x78, 0x04, 0x00, 0x06, // 10: map<binary, i32> of 2 entries: "x" -> 2, "" -> 3
            0x1C, 0x15, 0x02, 0x1C, 0x00, 0x00,      // 11: struct { 1: i32, 2: struct {} }
            0x1D, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, // 12: uuid
            0x09, 0x22, 0x2C, 0x11, 0x00, 0x00,      // long form, id 17: list of 2 structs, the first holding 1: true
            0x00,
        ];

        var reader = new ThriftCompactReader(bytes);
        var keyValue = KeyValue.Read(ref reader);

        Assert.Equal("k", keyValue.Key);
        Assert.Null(keyValue.Value);
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0x15 }, "Thrift data ends early.")]
    [InlineData(new byte[] { 0x16, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "Thrift varint is too long.")]
    [InlineData(new byte[] { 0x18, 0x05, 0x61 }, "Thrift binary of 5 bytes runs past the end of the data.")]
    [InlineData(new byte[] { 0x19, 0xF8, 0xFF, 0x0F }, "Thrift list of 2047 elements is longer than the data.")]
    [InlineData(new byte[] { 0x1E }, "Unknown Thrift compact type 14.")]
    [InlineData(new byte[] { 0x18, 0x02, 0xC3, 0x28, 0x00 }, "Thrift string is not valid UTF-8.")]
    public void Malformed_input_throws_invalid_data_instead_of_reading_past_the_buffer(byte[] bytes, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            var saved = reader.BeginStruct();
            while (reader.NextField(out var id, out var type))
            {
                if (id == 1 && type == CompactType.Binary)
                {
                    reader.ReadString();
                }
                else
                {
                    reader.Skip(type);
                }
            }

            reader.EndStruct(saved);
        });

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Structs_nested_too_deeply_are_refused()
    {
        var bytes = Enumerable.Repeat((byte)0x1C, 100).Concat(Enumerable.Repeat((byte)0, 101)).ToArray();

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            KeyValue.Read(ref reader);
        });

        Assert.Equal("Thrift structs are nested too deeply.", error.Message);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        byte[] bytes = [0x28, 0x01, (byte)'v', 0x00];

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            KeyValue.Read(ref reader);
        });

        Assert.Equal("required field KeyValue.key is missing.", error.Message);
    }

    private static byte[] Write(Action<ThriftCompactWriter> write)
    {
        using var buffer = new ByteBuffer();
        var writer = new ThriftCompactWriter(buffer);
        writer.BeginStruct();
        write(writer);
        writer.EndStruct();
        return buffer.WrittenSpan.ToArray();
    }
}
