using Microsoft.Extensions.Logging;
using Npgsql;

using Life.Sweep.Checkpoints;

namespace Life.Checkpoints;

/// <summary>
/// Checkpoints in PostgreSQL for sweeps on a cluster: every silo and the client share them. A shard
/// row holds its state (pending, running, done), claims, failures and last error, the worker and its
/// timings, row count, file name, length and SHA-256, and the partial Pareto front. Completion is a
/// transaction holding the shard's row lock, so only one worker commits a shard and only the winner
/// moves its file into place. Progress counters live on the sweep's row: status stays one cheap
/// query at a million shards. All SQL is parameterized; transient failures are retried
/// (<see cref="TransientRetry"/>).
/// </summary>
public sealed partial class PostgresCheckpointStore : ICheckpointStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TransientRetry _retry;

    private PostgresCheckpointStore(NpgsqlDataSource dataSource, TimeSpan giveUpAfter, ILogger? logger)
    {
        _dataSource = dataSource;
        _retry = new TransientRetry(giveUpAfter, logger) { OnTransientFailure = dataSource.Clear };
    }

    /// <summary>Connects, and creates or migrates the schema (idempotent).</summary>
    public static async Task<PostgresCheckpointStore> OpenAsync(string connectionString, ILogger? logger, CancellationToken cancellation, TimeSpan? giveUpAfter = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "life-sweep";
        }

        var store = new PostgresCheckpointStore(NpgsqlDataSource.Create(builder), giveUpAfter ?? TimeSpan.FromMinutes(2), logger);
        try
        {
            await store._retry.RunAsync("schema migration", token => PostgresSchema.MigrateAsync(store._dataSource, token), cancellation);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async Task OpenSweepAsync(SweepIdentity sweep, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        await _retry.RunAsync("open sweep", token => InTransactionAsync(
            async (connection, transaction) =>
            {
                await using (var lockOutput = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@dir, 0))", ("dir", sweep.OutputDirectory)))
                {
                    await lockOutput.ExecuteNonQueryAsync(token);
                }

                await using (var find = Command(connection, transaction, "SELECT id, spec_hash FROM life_sweeps WHERE id = @id OR output_directory = @dir", ("id", sweep.Id), ("dir", sweep.OutputDirectory)))
                await using (var reader = await find.ExecuteReaderAsync(token))
                {
                    if (await reader.ReadAsync(token))
                    {
                        var (id, hash) = (reader.GetString(0), reader.GetString(1));
                        if (id != sweep.Id)
                        {
                            throw new SweepMismatchException($"'{sweep.OutputDirectory}' already holds another sweep ({id}); use a new --out directory");
                        }

                        if (hash != sweep.SpecHash)
                        {
                            throw new SweepMismatchException($"sweep '{sweep.Id}' is already recorded with a different spec");
                        }

                        return;
                    }
                }

                await using (var insert = Command(
                    connection,
                    transaction,
                    """
                    INSERT INTO life_sweeps (id, name, spec_hash, spec_json, total_configs, shard_size, shard_count, output_directory)
                    VALUES (@id, @name, @hash, @json, @total, @size, @count, @dir)
                    """,
                    ("id", sweep.Id),
                    ("name", sweep.Name),
                    ("hash", sweep.SpecHash),
                    ("json", sweep.SpecJson),
                    ("total", sweep.TotalConfigs),
                    ("size", sweep.ShardSize),
                    ("count", sweep.ShardCount),
                    ("dir", sweep.OutputDirectory)))
                {
                    await insert.ExecuteNonQueryAsync(token);
                }

                // One row per shard, made by the server: a million shards is one statement.
                await using var shards = Command(
                    connection,
                    transaction,
                    "INSERT INTO life_shards (sweep_id, shard) SELECT @id, g FROM generate_series(0::bigint, @count - 1) AS g",
                    ("id", sweep.Id),
                    ("count", sweep.ShardCount));
                await shards.ExecuteNonQueryAsync(token);
            },
            token), cancellation);
    }

    public Task<SweepIdentity?> FindSweepAsync(string sweepId, CancellationToken cancellation) =>
        _retry.RunAsync("find sweep", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                "SELECT id, name, spec_hash, spec_json, total_configs, shard_size, shard_count, output_directory FROM life_sweeps WHERE id = @id",
                ("id", sweepId));
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token)
                ? new SweepIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetString(7))
                : null;
        }, cancellation);

    public Task<IReadOnlyList<ShardRecord>> CompletedShardsAsync(string sweepId, CancellationToken cancellation) =>
        _retry.RunAsync<IReadOnlyList<ShardRecord>>("list completed shards", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                """
                SELECT shard, rows, rows_meeting, file, length, sha256, front, worker, started_utc, finished_utc, claims
                FROM life_shards WHERE sweep_id = @id AND state = 'done' ORDER BY shard
                """,
                ("id", sweepId));
            await using var reader = await command.ExecuteReaderAsync(token);
            var records = new List<ShardRecord>();
            while (await reader.ReadAsync(token))
            {
                records.Add(new ShardRecord(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetInt64(4),
                    reader.GetString(5),
                    reader.GetFieldValue<byte[]>(6),
                    reader.GetString(7),
                    reader.GetFieldValue<DateTimeOffset>(8),
                    reader.GetFieldValue<DateTimeOffset>(9),
                    reader.GetInt32(10)));
            }

            return records;
        }, cancellation);

    public Task<bool> IsCompletedAsync(string sweepId, long shard, CancellationToken cancellation) =>
        _retry.RunAsync("read shard", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(connection, null, "SELECT 1 FROM life_shards WHERE sweep_id = @id AND shard = @shard AND state = 'done'", ("id", sweepId), ("shard", shard));
            return await command.ExecuteScalarAsync(token) is not null;
        }, cancellation);

    public Task<ShardClaim> ClaimShardAsync(string sweepId, long shard, string worker, CancellationToken cancellation) =>
        _retry.RunAsync("claim shard", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);

            // One statement: the sweep's state and the shard's, and the claim itself when both allow it.
            await using var command = Command(
                connection,
                null,
                """
                WITH current AS (
                    SELECT sw.state AS sweep_state, sh.state AS shard_state
                    FROM life_sweeps sw LEFT JOIN life_shards sh ON sh.sweep_id = sw.id AND sh.shard = @shard
                    WHERE sw.id = @id),
                claimed AS (
                    UPDATE life_shards SET state = 'running', claims = claims + 1, worker = @worker, started_utc = now()
                    WHERE sweep_id = @id AND shard = @shard AND state <> 'done'
                      AND (SELECT sweep_state FROM current) = 'running'
                    RETURNING 1)
                SELECT sweep_state, shard_state, (SELECT count(*) FROM claimed) FROM current
                """,
                ("id", sweepId),
                ("shard", shard),
                ("worker", worker));
            await using var reader = await command.ExecuteReaderAsync(token);
            if (!await reader.ReadAsync(token) || reader.IsDBNull(1))
            {
                throw new InvalidOperationException($"sweep '{sweepId}' has no shard {shard} in this database");
            }

            return reader.GetString(1) == "done" ? ShardClaim.AlreadyDone
                : reader.GetString(0) != "running" ? ShardClaim.SweepStopped
                : ShardClaim.Proceed;
        }, cancellation);

    public Task<(long Shards, long Rows)> ProgressAsync(string sweepId, CancellationToken cancellation) =>
        _retry.RunAsync("read progress", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(connection, null, "SELECT shards_done, rows_done FROM life_sweeps WHERE id = @id", ("id", sweepId));
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0L, 0L);
        }, cancellation);

    public async Task<bool> TryCompleteShardAsync(string sweepId, ShardRecord record, Action publish, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(publish);

        // A retried transaction must not move the file twice: the first move already put it in place.
        var published = false;
        return await _retry.RunAsync("complete shard", token => InTransactionAsync(
            async (connection, transaction) =>
            {
                await using (var lockRow = Command(connection, transaction, "SELECT state FROM life_shards WHERE sweep_id = @id AND shard = @shard FOR UPDATE", ("id", sweepId), ("shard", record.Shard)))
                {
                    var state = (string?)await lockRow.ExecuteScalarAsync(token)
                        ?? throw new InvalidOperationException($"sweep '{sweepId}' has no shard {record.Shard} in this database");
                    if (state == "done")
                    {
                        return false;
                    }
                }

                // Under the row lock: a racing worker waits here and then finds the shard done.
                if (!published)
                {
                    publish();
                    published = true;
                }

                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        BatchCommand(
                            """
                            UPDATE life_shards SET state = 'done', worker = @worker, started_utc = @started, finished_utc = @finished,
                                rows = @rows, rows_meeting = @meeting, file = @file, length = @length, sha256 = @sha, front = @front
                            WHERE sweep_id = @id AND shard = @shard
                            """,
                            ("id", sweepId), ("shard", record.Shard), ("worker", record.Worker), ("started", record.Started.ToUniversalTime()),
                            ("finished", record.Finished.ToUniversalTime()), ("rows", record.Rows), ("meeting", record.RowsMeetingConstraints),
                            ("file", record.File), ("length", record.Length), ("sha", record.Sha256), ("front", record.Front)),
                        BatchCommand(
                            """
                            UPDATE life_sweeps SET shards_done = shards_done + 1, rows_done = rows_done + @rows,
                                first_started_utc = LEAST(COALESCE(first_started_utc, @started), @started),
                                last_finished_utc = GREATEST(COALESCE(last_finished_utc, @finished), @finished)
                            WHERE id = @id
                            """,
                            ("id", sweepId), ("rows", record.Rows), ("started", record.Started.ToUniversalTime()), ("finished", record.Finished.ToUniversalTime())),
                        BatchCommand(
                            """
                            INSERT INTO life_sweep_workers (sweep_id, worker, shards, rows, last_finished_utc) VALUES (@id, @worker, 1, @rows, @finished)
                            ON CONFLICT (sweep_id, worker) DO UPDATE SET shards = life_sweep_workers.shards + 1,
                                rows = life_sweep_workers.rows + EXCLUDED.rows, last_finished_utc = EXCLUDED.last_finished_utc
                            """,
                            ("id", sweepId), ("worker", record.Worker), ("rows", record.Rows), ("finished", record.Finished.ToUniversalTime())),
                    },
                };
                await batch.ExecuteNonQueryAsync(token);
                return true;
            },
            token), cancellation);
    }

    public Task InvalidateShardAsync(string sweepId, long shard, CancellationToken cancellation) =>
        _retry.RunAsync("invalidate shard", token => InTransactionAsync(
            async (connection, transaction) =>
            {
                long? rows;
                await using (var reset = Command(
                    connection,
                    transaction,
                    "UPDATE life_shards SET state = 'pending' WHERE sweep_id = @id AND shard = @shard AND state = 'done' RETURNING rows",
                    ("id", sweepId),
                    ("shard", shard)))
                {
                    rows = (long?)await reset.ExecuteScalarAsync(token);
                }

                if (rows is { } removed)
                {
                    await using var counters = Command(
                        connection,
                        transaction,
                        "UPDATE life_sweeps SET shards_done = shards_done - 1, rows_done = rows_done - @rows WHERE id = @id",
                        ("id", sweepId),
                        ("rows", removed));
                    await counters.ExecuteNonQueryAsync(token);
                }

                return true;
            },
            token), cancellation);

    public Task<IReadOnlyList<ShardFailure>> ErroredShardsAsync(string sweepId, int maxAttempts, CancellationToken cancellation) =>
        _retry.RunAsync<IReadOnlyList<ShardFailure>>("list errored shards", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                "SELECT shard, failures, COALESCE(error, '') FROM life_shards WHERE sweep_id = @id AND failures >= @max AND failures > 0 AND state <> 'done' ORDER BY shard",
                ("id", sweepId),
                ("max", maxAttempts));
            await using var reader = await command.ExecuteReaderAsync(token);
            var failures = new List<ShardFailure>();
            while (await reader.ReadAsync(token))
            {
                failures.Add(new ShardFailure(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2)));
            }

            return failures;
        }, cancellation);

    public Task<int> RecordFailureAsync(string sweepId, long shard, string worker, string error, CancellationToken cancellation) =>
        _retry.RunAsync("record failure", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                """
                UPDATE life_shards SET failures = failures + 1, error = @error, worker = @worker,
                    state = CASE WHEN state = 'running' THEN 'pending' ELSE state END
                WHERE sweep_id = @id AND shard = @shard RETURNING failures
                """,
                ("id", sweepId),
                ("shard", shard),
                ("worker", worker),
                ("error", error));
            return (int?)await command.ExecuteScalarAsync(token) ?? 0;
        }, cancellation);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellation)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellation);
        return result;
    }

    private Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellation) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                await work(connection, transaction);
                return true;
            },
            cancellation);
}
