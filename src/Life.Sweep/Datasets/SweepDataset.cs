using DuckDB.NET.Data;
using Life.Engine;
using Life.Sweep.Specs;

namespace Life.Sweep.Datasets;

/// <summary>
/// A finished (or partly written) sweep output directory opened for reading through DuckDB, in
/// process: the view <c>results</c> is <c>read_parquet('DIR/results/*.parquet')</c>, and
/// <c>pareto</c> is <c>DIR/pareto.parquet</c> when the sweep has finished. The files must share one
/// sweep (the <c>life.sweep.spec</c> key-value metadata of every file, else <c>sweep.json</c>).
/// Problems with the directory or its files are bad input (<see cref="EngineInputException"/>)
/// naming the file and the fault.
/// </summary>
public sealed class SweepDataset : IDisposable
{
    public const string SpecKey = "life.sweep.spec";
    public const string SpecHashKey = "life.sweep.spec_sha256";

    private readonly DuckDBConnection _connection;

    private SweepDataset(string directory, IReadOnlyList<string> files, DuckDBConnection connection)
    {
        Directory = directory;
        Files = files;
        _connection = connection;
        IsComplete = File.Exists(Path.Combine(directory, "_SUCCESS"));
        HasPareto = IsComplete && File.Exists(Path.Combine(directory, "pareto.parquet"));
        ResultsGlob = Path.Combine(directory, "results", "*.parquet");
    }

    /// <summary>The dataset directory, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The result files, in name order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>What the <c>results</c> view reads.</summary>
    public string ResultsGlob { get; }

    public IReadOnlyList<DatasetColumn> Columns { get; private set; } = [];

    public long RowCount { get; private set; }

    /// <summary>Whether <c>_SUCCESS</c> is present: every shard was written.</summary>
    public bool IsComplete { get; }

    /// <summary>Whether the <c>pareto</c> view exists (the sweep finished and wrote pareto.parquet).</summary>
    public bool HasPareto { get; }

    public string Name { get; private set; } = "sweep";

    public string? SpecHash { get; private set; }

    /// <summary>The objectives of the spec the dataset was swept with (possibly none).</summary>
    public IReadOnlyList<Objective> SpecObjectives { get; private set; } = [];

    /// <summary>The files' sweep key-value metadata (spec and its hash), to carry into derived files.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SweepMetadata { get; private set; } = [];

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
            ? System.IO.Directory.EnumerateFiles(results, "*.parquet").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
        {
            throw new EngineInputException($"'{directory}' is not a LifeSweep dataset: it has no results/*.parquet files");
        }

        var connection = new DuckDBConnection("DataSource=:memory:");
        var dataset = new SweepDataset(full, files, connection);
        try
        {
            connection.Open();
            dataset.Load(directory);
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public DatasetColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// Runs <paramref name="sql"/> (a query over the views) and returns its reader, streaming when
    /// <paramref name="streaming"/> (rows are produced as read, not all materialized first). DuckDB
    /// errors become <see cref="DatasetQueryException"/>, or bad input naming the damaged file.
    /// </summary>
    public DuckDBDataReader Query(string sql, bool streaming = false)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Guard(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.UseStreamingMode = streaming;
            return command.ExecuteReader();
        });
    }

    /// <summary>Runs <paramref name="read"/> over a query's rows, with the errors of <see cref="Query"/>.</summary>
    public T Read<T>(string sql, Func<DuckDBDataReader, T> read, bool streaming = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Guard(() =>
        {
            using var reader = Query(sql, streaming);
            return read(reader);
        });
    }

    /// <summary>Runs a statement (such as COPY), with the errors of <see cref="Query"/>.</summary>
    public void Execute(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        Guard(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        });
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// Runs a DuckDB call, turning its errors into bad input: a damaged result file (an error about
    /// the data, whose file DuckDB names, or found by reading each file alone) names that file; any
    /// other error is the statement's own (<see cref="DatasetQueryException"/>).
    /// </summary>
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DuckDBException e)
        {
            var message = DuckDbMessage.OneLine(e);
            if (!DuckDbMessage.IsAboutStatement(e))
            {
                if (Files.Any(f => message.Contains(f, StringComparison.Ordinal)) || message.Contains(Directory, StringComparison.Ordinal))
                {
                    throw new EngineInputException(message, e);
                }

                if (FirstUnreadableFile() is { } damaged)
                {
                    throw new EngineInputException($"{damaged.File}: {damaged.Message}", e);
                }
            }

            throw new DatasetQueryException(message, e);
        }
    }

    /// <summary>The first result file DuckDB cannot read through, with its error (only on an error path: it reads every file).</summary>
    private (string File, string Message)? FirstUnreadableFile()
    {
        foreach (var file in Files.Append(Path.Combine(Directory, "pareto.parquet")).Where(File.Exists))
        {
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT * FROM read_parquet({SqlText.Literal(file)})";
                command.UseStreamingMode = true;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
            }
            catch (DuckDBException e)
            {
                return (file, DuckDbMessage.OneLine(e));
            }
        }

        return null;
    }

    private void Load(string given)
    {
        var metadata = Guard(() => ReadMetadata());
        var first = Files[0];
        if (metadata.TryGetValue(first, out var own) && own.TryGetValue(SpecKey, out var json))
        {
            var hash = own.GetValueOrDefault(SpecHashKey);
            ApplySpec(DatasetSpec.Parse(json, $"{first} ({SpecKey})", hash));
            SweepMetadata = [.. own.Where(e => e.Key.StartsWith("life.sweep.", StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal)];
            foreach (var file in Files.Skip(1))
            {
                if (hash is not null && metadata.TryGetValue(file, out var other) && other.TryGetValue(SpecHashKey, out var theirs) && theirs != hash)
                {
                    throw new EngineInputException($"{file}: belongs to another sweep (spec sha256 {Short(theirs)}…, {first} has {Short(hash)}…)");
                }
            }
        }
        else
        {
            ApplySpec(DatasetSpec.FromSweepJson(Path.Combine(Directory, "sweep.json"))
                ?? throw new EngineInputException($"'{given}' is not a LifeSweep dataset: neither sweep.json nor the {SpecKey} metadata of {first} describes a sweep"));
        }

        Execute($"CREATE VIEW results AS SELECT * FROM read_parquet({SqlText.Literal(ResultsGlob)})");
        if (HasPareto)
        {
            Execute($"CREATE VIEW pareto AS SELECT * FROM read_parquet({SqlText.Literal(Path.Combine(Directory, "pareto.parquet"))})");
        }

        Columns = Read("DESCRIBE results", reader =>
        {
            var columns = new List<DatasetColumn>();
            while (reader.Read())
            {
                var type = reader.GetString(reader.GetOrdinal("column_type"));
                columns.Add(new DatasetColumn(reader.GetString(reader.GetOrdinal("column_name")), type, DatasetColumn.KindOf(type)));
            }

            return columns;
        });
        if (Column("config_id") is not { Kind: ColumnKind.Integer })
        {
            throw new EngineInputException($"{first}: not a LifeSweep result file (no integer config_id column)");
        }

        RowCount = Read("SELECT count(*) FROM results", reader => reader.Read() ? reader.GetInt64(0) : 0);
    }

    /// <summary>Every result file's key-value metadata, by file (one DuckDB call reads all footers).</summary>
    private Dictionary<string, Dictionary<string, string>> ReadMetadata()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT file_name, decode(key), decode(value) FROM parquet_kv_metadata({SqlText.Literal(ResultsGlob)})";
        using var reader = command.ExecuteReader();
        var files = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.IsDBNull(1) || reader.IsDBNull(2))
            {
                continue;
            }

            var file = reader.GetString(0);
            if (!files.TryGetValue(file, out var entries))
            {
                files[file] = entries = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            entries[reader.GetString(1)] = reader.GetString(2);
        }

        return files;
    }

    private void ApplySpec(DatasetSpec spec)
    {
        Name = spec.Name;
        SpecHash = spec.Hash;
        SpecObjectives = spec.Objectives;
    }

    private static string Short(string hash) => hash[..Math.Min(12, hash.Length)];
}
