using System.Globalization;
using Microsoft.Data.Sqlite;

using Life.Sweep.Checkpoints;

namespace Life.Checkpoints;

/// <summary>
/// Checkpoints in a SQLite file (<c>DIR/checkpoint.db</c>) for sweeps on one machine. One connection,
/// serialized by a lock; WAL with full sync, so a shard recorded done survives a crash of the process.
/// </summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private SqliteCheckpointStore(SqliteConnection connection)
    {
        _connection = connection;
    }

    // synchronous = NORMAL: a WAL commit is not fsynced, so a power loss (not a process crash, which
    // loses nothing) may roll back the last shards' records. That is safe here: each shard's Parquet
    // file is fsynced before its record, a file without a record is simply redone on the next run, and
    // the database stays consistent. FULL paid one more fsync per shard on the hot path.
    public static async Task<SqliteCheckpointStore> OpenAsync(string path, CancellationToken cancellation)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellation);
        var store = new SqliteCheckpointStore(connection);
        await store.ExecuteAsync(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS sweeps (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, spec_hash TEXT NOT NULL, spec_json TEXT NOT NULL,
                total_configs INTEGER NOT NULL, shard_size INTEGER NOT NULL, shard_count INTEGER NOT NULL,
                output_directory TEXT NOT NULL, created_utc TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shards (
                sweep_id TEXT NOT NULL, shard INTEGER NOT NULL, rows INTEGER NOT NULL, rows_meeting INTEGER NOT NULL,
                file TEXT NOT NULL, length INTEGER NOT NULL, sha256 TEXT NOT NULL, front BLOB NOT NULL, worker TEXT NOT NULL,
                started_utc TEXT NOT NULL, finished_utc TEXT NOT NULL, attempts INTEGER NOT NULL,
                PRIMARY KEY (sweep_id, shard));
            CREATE TABLE IF NOT EXISTS failures (
                sweep_id TEXT NOT NULL, shard INTEGER NOT NULL, worker TEXT NOT NULL, error TEXT NOT NULL, at_utc TEXT NOT NULL);
            """,
            cancellation);
        return store;
    }

    public async Task OpenSweepAsync(SweepIdentity sweep, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var find = Command("SELECT spec_hash FROM sweeps WHERE id = $id", ("$id", sweep.Id));
            var existing = (string?)await find.ExecuteScalarAsync(cancellation);
            if (existing is not null)
            {
                if (existing != sweep.SpecHash)
                {
                    throw new SweepMismatchException($"sweep '{sweep.Id}' is already recorded with a different spec");
                }

                return;
            }

            await using var others = Command("SELECT id FROM sweeps LIMIT 1");
            if (await others.ExecuteScalarAsync(cancellation) is string other)
            {
                throw new SweepMismatchException($"'{sweep.OutputDirectory}' already holds another sweep ({other}); use a new --out directory");
            }

            await using var insert = Command(
                """
                INSERT INTO sweeps (id, name, spec_hash, spec_json, total_configs, shard_size, shard_count, output_directory, created_utc)
                VALUES ($id, $name, $hash, $json, $total, $size, $count, $dir, $created)
                """,
                ("$id", sweep.Id),
                ("$name", sweep.Name),
                ("$hash", sweep.SpecHash),
                ("$json", sweep.SpecJson),
                ("$total", sweep.TotalConfigs),
                ("$size", sweep.ShardSize),
                ("$count", sweep.ShardCount),
                ("$dir", sweep.OutputDirectory),
                ("$created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            await insert.ExecuteNonQueryAsync(cancellation);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<SweepIdentity?> FindSweepAsync(string sweepId, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var command = Command(
                "SELECT id, name, spec_hash, spec_json, total_configs, shard_size, shard_count, output_directory FROM sweeps WHERE id = $id",
                ("$id", sweepId));
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            if (!await reader.ReadAsync(cancellation))
            {
                return null;
            }

            return new SweepIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetString(7));
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<ShardRecord>> CompletedShardsAsync(string sweepId, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var command = Command(
                """
                SELECT shard, rows, rows_meeting, file, length, sha256, front, worker, started_utc, finished_utc, attempts
                FROM shards WHERE sweep_id = $id ORDER BY shard
                """,
                ("$id", sweepId));
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            var records = new List<ShardRecord>();
            while (await reader.ReadAsync(cancellation))
            {
                records.Add(new ShardRecord(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetInt64(4),
                    reader.GetString(5),
                    (byte[])reader.GetValue(6),
                    reader.GetString(7),
                    DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
                    reader.GetInt32(10)));
            }

            return records;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<bool> IsCompletedAsync(string sweepId, long shard, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var command = Command("SELECT 1 FROM shards WHERE sweep_id = $id AND shard = $shard", ("$id", sweepId), ("$shard", shard));
            return await command.ExecuteScalarAsync(cancellation) is not null;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<ShardClaim> ClaimShardAsync(string sweepId, long shard, string worker, CancellationToken cancellation) =>
        await IsCompletedAsync(sweepId, shard, cancellation) ? ShardClaim.AlreadyDone : ShardClaim.Proceed;

    public async Task<(long Shards, long Rows)> ProgressAsync(string sweepId, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var command = Command("SELECT COUNT(*), COALESCE(SUM(rows), 0) FROM shards WHERE sweep_id = $id", ("$id", sweepId));
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<bool> TryCompleteShardAsync(string sweepId, ShardRecord record, Action publish, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(publish);
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellation);
            await using var exists = Command("SELECT 1 FROM shards WHERE sweep_id = $id AND shard = $shard", ("$id", sweepId), ("$shard", record.Shard));
            exists.Transaction = transaction;
            if (await exists.ExecuteScalarAsync(cancellation) is not null)
            {
                return false;
            }

            // The file goes into place before the record commits: a crash in between leaves a complete
            // file and no record, and the shard is redone (rewriting an identical file).
            publish();
            await using var insert = Command(
                """
                INSERT INTO shards (sweep_id, shard, rows, rows_meeting, file, length, sha256, front, worker, started_utc, finished_utc, attempts)
                VALUES ($id, $shard, $rows, $meeting, $file, $length, $sha, $front, $worker, $started, $finished, $attempts)
                """,
                ("$id", sweepId),
                ("$shard", record.Shard),
                ("$rows", record.Rows),
                ("$meeting", record.RowsMeetingConstraints),
                ("$file", record.File),
                ("$length", record.Length),
                ("$sha", record.Sha256),
                ("$front", record.Front),
                ("$worker", record.Worker),
                ("$started", record.Started.ToString("O", CultureInfo.InvariantCulture)),
                ("$finished", record.Finished.ToString("O", CultureInfo.InvariantCulture)),
                ("$attempts", record.Attempts));
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task InvalidateShardAsync(string sweepId, long shard, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var command = Command("DELETE FROM shards WHERE sweep_id = $id AND shard = $shard", ("$id", sweepId), ("$shard", shard));
            await command.ExecuteNonQueryAsync(cancellation);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<ShardFailure>> ErroredShardsAsync(string sweepId, int maxAttempts, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var command = Command(
                """
                SELECT f.shard, COUNT(*), MAX(f.error)
                FROM failures f
                WHERE f.sweep_id = $id AND NOT EXISTS (SELECT 1 FROM shards s WHERE s.sweep_id = f.sweep_id AND s.shard = f.shard)
                GROUP BY f.shard HAVING COUNT(*) >= $max ORDER BY f.shard
                """,
                ("$id", sweepId),
                ("$max", maxAttempts));
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            var failures = new List<ShardFailure>();
            while (await reader.ReadAsync(cancellation))
            {
                failures.Add(new ShardFailure(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2)));
            }

            return failures;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<int> RecordFailureAsync(string sweepId, long shard, string worker, string error, CancellationToken cancellation)
    {
        await _lock.WaitAsync(cancellation);
        try
        {
            await using var insert = Command(
                "INSERT INTO failures (sweep_id, shard, worker, error, at_utc) VALUES ($id, $shard, $worker, $error, $at)",
                ("$id", sweepId),
                ("$shard", shard),
                ("$worker", worker),
                ("$error", error),
                ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            await insert.ExecuteNonQueryAsync(cancellation);
            await using var count = Command("SELECT COUNT(*) FROM failures WHERE sweep_id = $id AND shard = $shard", ("$id", sweepId), ("$shard", shard));
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _lock.Dispose();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellation)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
