using Life.Parquet.Tests.Infrastructure;

namespace Life.Parquet.Tests;

/// <summary>Files appear complete or not at all, and the same input gives the same bytes.</summary>
public sealed class AtomicOutputTests
{
    private static readonly ParquetSchema Schema = new(new ParquetColumn("id", ParquetType.Int64), new ParquetColumn("name", ParquetType.String, IsNullable: true));

    [Fact]
    public void The_file_appears_under_its_name_only_when_committed()
    {
        using var directory = new TempDirectory();
        var path = directory.File("part-00001.parquet");
        using (var writer = new ParquetFileWriter(path, Schema))
        {
            WriteRows(writer, 10);
            Assert.False(File.Exists(path));
            Assert.True(File.Exists(path + ".tmp"));
            writer.Commit();
            Assert.Equal(new FileInfo(path).Length, writer.Position);
        }

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal("10", Readers.DuckDb(path).GetProperty("fileMetadata").GetProperty("num_rows").GetString());
    }

    [Fact]
    public void The_sha256_computed_while_writing_is_the_committed_files_digest()
    {
        using var directory = new TempDirectory();
        var hashed = directory.File("hashed.parquet");
        var plain = directory.File("plain.parquet");
        byte[]? digest;
        using (var writer = new ParquetFileWriter(hashed, Schema, new ParquetWriterOptions { ComputeSha256 = true }))
        {
            WriteRows(writer, 5000);
            Assert.Null(writer.Sha256);
            writer.Commit();
            digest = writer.Sha256;
        }

        using (var writer = new ParquetFileWriter(plain, Schema))
        {
            WriteRows(writer, 5000);
            writer.Commit();
            Assert.Null(writer.Sha256);
        }

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(hashed)), digest);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(hashed));
    }

    [Fact]
    public void Disposing_without_commit_deletes_the_temporary_file()
    {
        using var directory = new TempDirectory();
        var path = directory.File("part-00002.parquet");
        using (var writer = new ParquetFileWriter(path, Schema))
        {
            WriteRows(writer, 10);
        }

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Commit_replaces_an_existing_file_which_stays_intact_until_then()
    {
        using var directory = new TempDirectory();
        var path = directory.File("part-00003.parquet");
        WriteFile(path, rows: 5);
        var before = File.ReadAllBytes(path);
        using (var writer = new ParquetFileWriter(path, Schema))
        {
            WriteRows(writer, 7);
            Assert.Equal(before, File.ReadAllBytes(path));
            writer.Commit();
        }

        Assert.Equal("7", Readers.DuckDb(path).GetProperty("fileMetadata").GetProperty("num_rows").GetString());
    }

    [Fact]
    public void A_failed_write_cannot_be_committed_and_leaves_no_file_behind()
    {
        using var directory = new TempDirectory();
        var path = directory.File("part-00004.parquet");
        using (var writer = new ParquetFileWriter(path, Schema))
        {
            var rowGroup = writer.BeginRowGroup(2);
            rowGroup.WriteInt64([1, 2]);

            // An unpaired surrogate cannot be written as UTF-8 without changing it.
            Assert.ThrowsAny<ArgumentException>(() => rowGroup.WriteStrings(["fine", "broken \uD800"]));
            Assert.Throws<InvalidOperationException>(writer.Commit);
            Assert.Throws<InvalidOperationException>(() => writer.BeginRowGroup(1));
        }

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void The_same_input_is_written_byte_for_byte_the_same()
    {
        var table = RoundTripTests.AllTypes(rows: 3000, seed: 12, nullable: true);
        var options = new ParquetWriterOptions { RowGroupSize = 1000, KeyValueMetadata = [new("life.sweep.spec", "{}")] };
        using var directory = new TempDirectory();
        table.WriteWithBatch(directory.File("a.parquet"), options);
        table.WriteWithBatch(directory.File("b.parquet"), options);
        table.WriteWithRowGroups(directory.File("c.parquet"), [1000, 1000, 1000], options);
        var a = File.ReadAllBytes(directory.File("a.parquet"));
        Assert.Equal(a, File.ReadAllBytes(directory.File("b.parquet")));
        Assert.Equal(a, File.ReadAllBytes(directory.File("c.parquet")));
    }

    [Fact]
    public void Writing_to_a_stream_leaves_the_stream_open_and_creates_no_files()
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, Schema))
        {
            WriteRows(writer, 3);
            writer.Commit();
            Assert.Null(writer.Path);
        }

        Assert.True(stream.CanWrite);
        var bytes = stream.ToArray();
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        Assert.InRange(footerLength, 1, bytes.Length - 12);
    }

    private static void WriteFile(string path, int rows)
    {
        using var writer = new ParquetFileWriter(path, Schema);
        WriteRows(writer, rows);
        writer.Commit();
    }

    private static void WriteRows(ParquetFileWriter writer, int rows)
    {
        var rowGroup = writer.BeginRowGroup(rows);
        rowGroup.WriteInt64(Enumerable.Range(0, rows).Select(i => (long)i).ToArray());
        rowGroup.WriteStrings(Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? null : $"n{i}").ToArray());
    }
}
