using System.Diagnostics;
using System.Globalization;

namespace Life.Parquet.Benchmarks;

/// <summary>Our file size for the table against DuckDB's for the same table, codec and row-group size.</summary>
public static class FileSizeReport
{
    public static long OurSize(SweepLikeTable table, ParquetCompression codec)
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, table.Schema, new ParquetWriterOptions { Compression = codec });
        writer.WriteBatch(table.ToBatch());
        writer.Commit();
        return writer.Position;
    }

    /// <summary>Prints both sizes and their ratio; prints why not when DuckDB is unavailable.</summary>
    public static void Print(SweepLikeTable table, ParquetCompression codec, string directory)
    {
        var ours = Path.Combine(directory, $"ours-{codec}.parquet");
        var options = new ParquetWriterOptions { Compression = codec };
        using (var writer = new ParquetFileWriter(ours, table.Schema, options))
        {
            writer.WriteBatch(table.ToBatch());
            writer.Commit();
        }

        var ourBytes = new FileInfo(ours).Length;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"// Life.Parquet {codec}: {ourBytes:N0} bytes, {(double)ourBytes / table.RowCount:F2} bytes/row");
        var duckDbBytes = DuckDbSize(ours, Path.Combine(directory, $"duckdb-{codec}.parquet"), codec, options.RowGroupSize, out var error);
        Console.WriteLine(duckDbBytes is { } duck
            ? string.Create(CultureInfo.InvariantCulture, $"{line}; DuckDB: {duck:N0} bytes; ours/DuckDB = {(double)ourBytes / duck:F3}")
            : $"{line}; DuckDB comparison unavailable: {error}");
    }

    private static long? DuckDbSize(string input, string output, ParquetCompression codec, int rowGroupSize, out string? error)
    {
        error = null;
        var tools = FindReaderTools();
        if (tools is null || !Directory.Exists(Path.Combine(tools, "node_modules", "@duckdb")))
        {
            error = "run bash eng/test-setup.d/20-npm-parquet-readers.sh first";
            return null;
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tools };
        foreach (var argument in new[]
                 {
                     Path.Combine(tools, "duckdb-write.mjs"), input, output, codec.ToString().ToUpperInvariant(),
                     rowGroupSize.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderrRead = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        var stderr = stderrRead.Result;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            error = stderr;
            return null;
        }

        return new FileInfo(output).Length;
    }

    private static string? FindReaderTools()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LifeSweep.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "tools", "parquet-readers");
            }
        }

        return null;
    }
}
