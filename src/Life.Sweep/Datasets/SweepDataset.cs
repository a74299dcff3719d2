using Life.Engine;
using Life.Sweep.Specs;
using Life.Parquet;

namespace Life.Sweep.Datasets;

/// <summary>
/// A finished (or partly written) sweep output directory opened for reading: its
/// <c>results/*.parquet</c> files, checked to share one schema and one sweep (the
/// <c>life.sweep.spec</c> key-value metadata of every file, else <c>sweep.json</c>), and scanned
/// row group by row group, reading only the columns asked for. Problems with the directory or
/// its files are bad input (<see cref="EngineInputException"/>) naming the file and the fault.
/// </summary>
public sealed class SweepDataset
{
    public const string SpecKey = "life.sweep.spec";
    public const string SpecHashKey = "life.sweep.spec_sha256";

    private SweepDataset(string directory, IReadOnlyList<string> files, ParquetSchema schema, long rowCount, DatasetSpec spec, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        Directory = directory;
        Files = files;
        Schema = schema;
        RowCount = rowCount;
        Name = spec.Name;
        SpecHash = spec.Hash;
        SpecObjectives = spec.Objectives;
        SweepMetadata = metadata;
        IsComplete = File.Exists(Path.Combine(directory, "_SUCCESS"));
    }

    /// <summary>The dataset directory, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The result files, in name order.</summary>
    public IReadOnlyList<string> Files { get; }

    public ParquetSchema Schema { get; }

    public long RowCount { get; }

    /// <summary>Whether <c>_SUCCESS</c> is present: every shard was written.</summary>
    public bool IsComplete { get; }

    public string Name { get; }

    public string? SpecHash { get; }

    /// <summary>The objectives of the spec the dataset was swept with (possibly none).</summary>
    public IReadOnlyList<Objective> SpecObjectives { get; }

    /// <summary>The files' sweep key-value metadata (spec and its hash), to carry into derived files.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SweepMetadata { get; }

    public static SweepDataset Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new EngineInputException($"dataset directory '{directory}' does not exist");
        }

        var results = Path.Combine(full, "results");
        var files = System.IO.Directory.Exists(results)
            ? System.IO.Directory.EnumerateFiles(results).Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
        {
            throw new EngineInputException($"'{directory}' is not a LifeSweep dataset: it has no results/*.parquet files");
        }

        ParquetSchema? schema = null;
        DatasetSpec? spec = null;
        IReadOnlyList<KeyValuePair<string, string>> metadata = [];
        long rows = 0;
        foreach (var file in files)
        {
            using var reader = OpenReader(file);
            rows += reader.RowCount;
            if (schema is null)
            {
                schema = reader.Schema;
                var id = schema.IndexOf("config_id");
                if (id < 0 || schema[id].Type != ParquetType.Int64)
                {
                    throw new EngineInputException($"{file}: not a LifeSweep result file (no INT64 config_id column)");
                }

                spec = DatasetSpec.FromFile(reader) ?? DatasetSpec.FromSweepJson(Path.Combine(full, "sweep.json"))
                    ?? throw new EngineInputException(
                        $"'{directory}' is not a LifeSweep dataset: neither sweep.json nor the {SpecKey} metadata of {file} describes a sweep");
                metadata = [.. reader.KeyValueMetadata.Where(e => e.Key.StartsWith("life.sweep.", StringComparison.Ordinal) && e.Value is not null)
                    .Select(e => new KeyValuePair<string, string>(e.Key, e.Value!))];
                continue;
            }

            if (!SameColumns(schema, reader.Schema))
            {
                throw new EngineInputException($"{file}: its columns differ from those of {files[0]}; the files are not one dataset");
            }

            if (reader.GetMetadata(SpecHashKey) is { } hash && spec!.Hash is { } expected && hash != expected)
            {
                throw new EngineInputException($"{file}: belongs to another sweep (spec sha256 {hash[..Math.Min(12, hash.Length)]}…, {files[0]} has {expected[..Math.Min(12, expected.Length)]}…)");
            }
        }

        return new SweepDataset(full, files, schema!, rows, spec!, metadata);
    }

    /// <summary>Opens result file <paramref name="index"/>; a damaged file is bad input naming it.</summary>
    public ParquetFileReader OpenFile(int index) => OpenReader(Files[index]);

    /// <summary>
    /// Every row group of every file, with only <paramref name="columns"/> read (projection). The
    /// column buffers are reused from row group to row group: use each before moving on.
    /// </summary>
    public IEnumerable<DatasetRowGroup> Scan(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var name in columns)
        {
            if (Schema.IndexOf(name) < 0)
            {
                throw new ArgumentException($"The dataset has no column '{name}'.", nameof(columns));
            }
        }

        return ScanFiles(columns);
    }

    /// <summary>Reads one column chunk, turning a damaged file into bad input naming it.</summary>
    public static ParquetColumnData ReadColumn(ParquetFileReader reader, int rowGroup, string column, ParquetColumnData? reuse)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return reader.ReadColumn(rowGroup, column, reuse);
        }
        catch (ParquetFormatException e)
        {
            throw new EngineInputException(e.Message, e);
        }
    }

    private static bool SameColumns(ParquetSchema a, ParquetSchema b) => a.Columns.SequenceEqual(b.Columns);

    private static ParquetFileReader OpenReader(string file)
    {
        try
        {
            return new ParquetFileReader(file);
        }
        catch (ParquetFormatException e)
        {
            throw new EngineInputException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineInputException($"{file}: cannot be read ({e.Message})", e);
        }
    }

    private IEnumerable<DatasetRowGroup> ScanFiles(IReadOnlyList<string> columns)
    {
        var buffers = new ParquetColumnData[columns.Count];
        for (var f = 0; f < Files.Count; f++)
        {
            using var reader = OpenFile(f);
            if (!SameColumns(Schema, reader.Schema))
            {
                throw new EngineInputException($"{Files[f]}: its columns changed while the dataset was open");
            }

            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    buffers[c] = ReadColumn(reader, g, columns[c], buffers[c]);
                }

                yield return new DatasetRowGroup(f, Files[f], g, reader.GetRowGroupRowCount(g), buffers);
            }
        }
    }
}
