using System.Data.Common;
using DuckDB.NET.Data;
using Life.Engine;

namespace Life.Reports.Data;

/// <summary>
/// A dataset's result files as the DuckDB view <c>results</c>, in an in-process, in-memory DuckDB
/// with a memory limit and its spill files in a temporary directory of its own, so a report of any
/// size runs in bounded memory and leaves nothing behind. Queries stream: rows are read as DuckDB
/// produces them, never materialized whole.
/// </summary>
public sealed class ResultsTable : IDisposable
{
    /// <summary>DuckDB's own working memory; sorts and aggregations beyond it spill to disk.</summary>
    public const string MemoryLimit = "1GB";

    private readonly DuckDBConnection _connection;
    private readonly string _spill;

    private ResultsTable(DuckDBConnection connection, string spill, IReadOnlyDictionary<string, string> columns, IReadOnlyList<string> columnOrder)
    {
        _connection = connection;
        _spill = spill;
        ColumnTypes = columns;
        Columns = columnOrder;
    }

    /// <summary>Column name → DuckDB type name (BIGINT, DOUBLE, VARCHAR, BOOLEAN, ...).</summary>
    public IReadOnlyDictionary<string, string> ColumnTypes { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public bool Has(string column) => ColumnTypes.ContainsKey(column);

    public bool IsNumeric(string column) =>
        ColumnTypes.TryGetValue(column, out var type) && type is "DOUBLE" or "FLOAT" or "REAL" or "BIGINT" or "INTEGER" or "SMALLINT" or "TINYINT" or "HUGEINT"
            or "UBIGINT" or "UINTEGER" or "USMALLINT" or "UTINYINT" || (type?.StartsWith("DECIMAL", StringComparison.Ordinal) ?? false);

    public static ResultsTable Open(FinishedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var spill = Path.Combine(Path.GetTempPath(), "life-report-" + Guid.NewGuid().ToString("N"));
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            Execute(connection, $"SET memory_limit = '{MemoryLimit}'");
            Execute(connection, $"SET temp_directory = {Literal(spill)}");
            Execute(connection, "SET preserve_insertion_order = false");
            try
            {
                Execute(connection, $"CREATE VIEW results AS SELECT * FROM read_parquet({Literal(dataset.ResultsGlob)})");
            }
            catch (DuckDBException e)
            {
                throw new EngineInputException($"'{dataset.Directory}': its result files cannot be read as one table ({FirstLine(e.Message)})", e);
            }

            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            var order = new List<string>();
            using (var describe = connection.CreateCommand())
            {
                describe.CommandText = "SELECT column_name, column_type FROM (DESCRIBE results)";
                using var reader = describe.ExecuteReader();
                while (reader.Read())
                {
                    columns[reader.GetString(0)] = reader.GetString(1);
                    order.Add(reader.GetString(0));
                }
            }

            if (!columns.ContainsKey("config_id"))
            {
                throw new EngineInputException($"'{dataset.Directory}': not a LifeSweep result table (no config_id column)");
            }

            return new ResultsTable(connection, spill, columns, order);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Checks that <paramref name="where"/> is a boolean expression over the table's columns; bad input names the fault.</summary>
    public void CheckWhere(string where)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (where.Contains(';', StringComparison.Ordinal))
        {
            throw new EngineInputException($"--where \"{where}\": one expression, no ';'");
        }

        try
        {
            Scalar($"SELECT count(*) FROM (SELECT * FROM results LIMIT 0) WHERE ({where})");
        }
        catch (DuckDBException e)
        {
            throw new EngineInputException($"--where \"{where}\": {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>A streaming reader over the query's rows.</summary>
    public DbDataReader Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        return command.ExecuteReader();
    }

    public object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public void Execute(string sql) => Execute(_connection, sql);

    /// <summary>Fills a one-column BIGINT temporary table (to join on) with <paramref name="ids"/>.</summary>
    public void CreateIdTable(string name, IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Execute($"CREATE OR REPLACE TEMP TABLE {name} (config_id BIGINT)");
        using var appender = _connection.CreateAppender(name);
        foreach (var id in ids)
        {
            appender.CreateRow().AppendValue(id).EndRow();
        }
    }

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A SQL identifier, quoted.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            if (System.IO.Directory.Exists(_spill))
            {
                System.IO.Directory.Delete(_spill, recursive: true);
            }
        }
        catch (IOException)
        {
            // A spill directory left behind in the temp folder is harmless; the report is written.
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
