using Life.Parquet.IO;
using Life.Parquet.Thrift;

namespace Life.Parquet.Tests.Thrift;

public sealed class ThriftCompactWriterTests
{
    [Fact]
    public void A_small_i32_field_is_one_header_byte_and_a_zigzag_varint()
    {
        // FileMetaData.version = 1 -> 15 02.
        Assert.Equal(new byte[] { 0x15, 0x02, 0x00 }, Write(w => w.WriteI32Field(1, 1)));
    }

    [Fact]
    public void The_root_schema_element_matches_the_documented_bytes()
    {
        Assert.Equal(
            new byte[] { 0x48, 0x06, 0x73, 0x63, 0x68, 0x65, 0x6D, 0x61, 0x15, 0x06, 0x00 },
            Write(w =>
            {
                w.WriteStringField(4, "schema");
                w.WriteI32Field(5, 3);
            }));
    }

    [Fact]
    public void Booleans_live_in_the_type_nibble()
    {
        Assert.Equal(new byte[] { 0x11, 0x12, 0x00 }, Write(w =>
        {
            w.WriteBoolField(1, true);
            w.WriteBoolField(2, false);
        }));
    }

    [Fact]
    public void A_field_id_jump_over_fifteen_uses_the_long_header()
    {
        // Field 1 then field 17: type byte 0x06 (i64), then zigzag(17) = 34 = 0x22.
        Assert.Equal(new byte[] { 0x16, 0x02, 0x06, 0x22, 0x04, 0x00 }, Write(w =>
        {
            w.WriteI64Field(1, 1);
            w.WriteI64Field(17, 2);
        }));
    }

    [Fact]
    public void Nested_structs_restart_and_restore_the_field_id_base()
    {
        // {1: i32 1, 3: {2: i32 5}, 4: i32 7}: inside the nested struct the delta is from 0, after it from 3.
        Assert.Equal(new byte[] { 0x15, 0x02, 0x2C, 0x25, 0x0A, 0x00, 0x15, 0x0E, 0x00 }, Write(w =>
        {
            w.WriteI32Field(1, 1);
            w.BeginStructField(3);
            w.WriteI32Field(2, 5);
            w.EndStruct();
            w.WriteI32Field(4, 7);
        }));
    }

    [Fact]
    public void Short_lists_keep_the_size_in_the_header_and_long_lists_in_a_varint()
    {
        var bytes = Write(w =>
        {
            w.BeginListField(1, CompactType.I32, 15);
            for (var i = 0; i < 15; i++)
            {
                w.WriteI32Element(-1);
            }
        });
        Assert.Equal(new byte[] { 0x19, 0xF5, 0x0F }, bytes[..3]);
        Assert.All(bytes[3..^1], b => Assert.Equal(0x01, b));
        Assert.Equal(new byte[] { 0x19, 0x25, 0x02, 0x00, 0x00 }, Write(w =>
        {
            w.BeginListField(1, CompactType.I32, 2);
            w.WriteI32Element(1);
            w.WriteI32Element(0);
        }));
    }

    [Fact]
    public void Negative_and_large_integers_are_zigzag_encoded()
    {
        Assert.Equal(new byte[] { 0x16, 0x01, 0x00 }, Write(w => w.WriteI64Field(1, -1)));
        Assert.Equal(new byte[] { 0x16, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00 }, Write(w => w.WriteI64Field(1, long.MaxValue)));
    }

    private static byte[] Write(Action<ThriftCompactWriter> fields)
    {
        using var buffer = new ByteBuffer();
        var writer = new ThriftCompactWriter(buffer);
        writer.BeginStruct();
        fields(writer);
        writer.EndStruct();
        return buffer.WrittenSpan.ToArray();
    }
}
