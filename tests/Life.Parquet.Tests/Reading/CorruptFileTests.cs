using System.Buffers.Binary;
using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests.Reading;

/// <summary>Damaged and non-Parquet files fail with a <see cref="ParquetFormatException"/> naming the file and the fault.</summary>
public sealed class CorruptFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_file_too_short_to_be_parquet_is_refused()
    {
        var path = Write("short.parquet", [1, 2, 3]);

        var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

        Assert.Equal($"{path}: not a Parquet file: 3 bytes is too short.", error.Message);
        Assert.False(error.IsUnsupported);
    }

    [Fact]
    public void A_file_without_the_magic_is_not_parquet()
    {
        var path = Write("text.parquet", "name,value\nh100,1\nl40s,2\n"u8.ToArray());

        var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

        Assert.Equal($"{path}: not a Parquet file: the PAR1 magic is missing at the start or end.", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var bytes = ValidFile(ParquetCompression.Snappy);
        var path = Write("truncated.parquet", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

        Assert.StartsWith($"{path}: not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_footer_length_larger_than_the_file_is_refused()
    {
        var bytes = ValidFile(ParquetCompression.Snappy);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), 1_000_000);
        var path = Write("footer-length.parquet", bytes);

        var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

        Assert.Equal($"{path}: the footer length 1000000 does not fit in a file of {bytes.Length} bytes.", error.Message);
    }

    [Fact]
    public void A_garbled_footer_is_reported_as_corrupt()
    {
        var bytes = ValidFile(ParquetCompression.Snappy);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength).Fill(0xFF);
        var path = Write("garbled.parquet", bytes);

        var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

        Assert.StartsWith($"{path}: corrupt footer: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_footer_is_unsupported()
    {
        var bytes = ValidFile(ParquetCompression.Snappy);
        "PARE"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        var path = Write("encrypted.parquet", bytes);

        var error = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(path));

        Assert.True(error.IsUnsupported);
        Assert.Equal($"{path}: the file is encrypted (PARE footer), which this reader does not support.", error.Message);
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    public void A_damaged_page_names_the_row_group_column_and_page_offset(ParquetCompression codec)
    {
        var bytes = ValidFile(codec);

        // The first column's first page header starts right after the magic: make its body size absurd.
        var path = Write("page.parquet", bytes);
        using (var reader = new ParquetFileReader(path))
        {
            reader.ReadColumn(0, 0);
        }

        bytes[4] = 0x00;
        bytes[5] = 0x00;
        File.WriteAllBytes(path, bytes);
        using var damaged = new ParquetFileReader(path);

        var error = Assert.Throws<ParquetFormatException>(() => damaged.ReadColumn(0, 0));

        Assert.StartsWith($"{path}: row group 0, column 'int32': page at offset 4: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed, 1)]
    [InlineData(ParquetCompression.Snappy, 2)]
    [InlineData(ParquetCompression.Gzip, 3)]
    public void Random_damage_anywhere_gives_a_format_error_or_values_never_a_crash(ParquetCompression codec, int seed)
    {
        var original = ValidFile(codec);
        var random = new Random(seed);
        var path = _directory.File("fuzz.parquet");
        var failures = 0;
        for (var trial = 0; trial < 600; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            }

            File.WriteAllBytes(path, bytes);
            try
            {
                using var reader = new ParquetFileReader(path);
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    for (var c = 0; c < reader.Schema.Count; c++)
                    {
                        reader.ReadColumn(g, c);
                    }
                }
            }
            catch (ParquetFormatException error)
            {
                Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
                failures++;
            }
        }

        // Most damage is detected; the rest changed values without breaking the structure.
        Assert.InRange(failures, 100, 600);
    }

    public void Dispose() => _directory.Dispose();

    private static byte[] ValidFile(ParquetCompression codec)
    {
        var table = RoundTripTests.AllTypes(rows: 300, seed: 31, nullable: true);
        using var memory = new MemoryStream();
        using (var writer = new ParquetFileWriter(memory, table.Schema, new ParquetWriterOptions { Compression = codec, RowGroupSize = 120, PageSize = 1024 }))
        {
            var batch = new ParquetBatch(table.Schema, table.RowCount);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                table.Columns[i].SetIn(batch, i);
            }

            writer.WriteBatch(batch);
            writer.Commit();
        }

        return memory.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
