using Npgsql;

using Life.Sweep.Checkpoints;

namespace Life.Checkpoints;

/// <summary>What only a cluster needs: sweep state (cancel, resume, completed), status, worker heartbeats.</summary>
public sealed partial class PostgresCheckpointStore
{
    /// <summary>Errors listed by status at most (the count is always exact).</summary>
    public const int ErrorsShown = 20;

    public Task<string?> FindSweepByOutputAsync(string outputDirectory, CancellationToken cancellation) =>
        _retry.RunAsync("find sweep by output", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(connection, null, "SELECT id FROM life_sweeps WHERE output_directory = @dir", ("dir", outputDirectory));
            return (string?)await command.ExecuteScalarAsync(token);
        }, cancellation);

    /// <summary>Sweeps recorded as running (a starting silo makes sure each has its sweep grain going).</summary>
    public Task<IReadOnlyList<string>> RunningSweepsAsync(CancellationToken cancellation) =>
        _retry.RunAsync<IReadOnlyList<string>>("list running sweeps", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(connection, null, "SELECT id FROM life_sweeps WHERE state = @state ORDER BY id", ("state", SweepStates.Running));
            await using var reader = await command.ExecuteReaderAsync(token);
            var ids = new List<string>();
            while (await reader.ReadAsync(token))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }, cancellation);

    /// <summary>The sweep's state (null: no such sweep), polled by wait.</summary>
    public Task<string?> StateAsync(string sweepId, CancellationToken cancellation) =>
        _retry.RunAsync("read sweep state", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(connection, null, "SELECT state FROM life_sweeps WHERE id = @id", ("id", sweepId));
            return (string?)await command.ExecuteScalarAsync(token);
        }, cancellation);

    /// <summary>Sets the sweep's state; returns the state it had (null: no such sweep).</summary>
    public Task<string?> SetStateAsync(string sweepId, string state, CancellationToken cancellation) =>
        _retry.RunAsync("set sweep state", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                """
                UPDATE life_sweeps s SET state = @state,
                    finalized_utc = CASE WHEN @state = 'completed' THEN now() ELSE s.finalized_utc END
                FROM (SELECT id, state FROM life_sweeps WHERE id = @id FOR UPDATE) old
                WHERE s.id = old.id RETURNING old.state
                """,
                ("id", sweepId),
                ("state", state));
            return (string?)await command.ExecuteScalarAsync(token);
        }, cancellation);

    /// <summary>Gives shards in the error state fresh attempts (resume); returns how many.</summary>
    public Task<int> ResetFailuresAsync(string sweepId, int maxAttempts, CancellationToken cancellation) =>
        _retry.RunAsync("reset failures", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                "UPDATE life_shards SET failures = 0 WHERE sweep_id = @id AND failures >= @max AND failures > 0 AND state <> 'done'",
                ("id", sweepId),
                ("max", maxAttempts));
            return await command.ExecuteNonQueryAsync(token);
        }, cancellation);

    public Task<SweepStatus?> StatusAsync(string sweepId, int maxAttempts, CancellationToken cancellation) =>
        _retry.RunAsync("read status", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                """
                SELECT id, name, spec_hash, spec_json, total_configs, shard_size, shard_count, output_directory, state,
                       shards_done, rows_done, created_utc, first_started_utc, last_finished_utc, finalized_utc, now(),
                       (SELECT count(*) FROM life_shards WHERE sweep_id = @id AND state = 'running')
                FROM life_sweeps WHERE id = @id
                """,
                ("id", sweepId));
            SweepIdentity identity;
            string state;
            long shardsDone, rowsDone, running;
            DateTimeOffset created, now;
            DateTimeOffset? firstStarted, lastFinished, finalized;
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                if (!await reader.ReadAsync(token))
                {
                    return null;
                }

                identity = new SweepIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetString(7));
                state = reader.GetString(8);
                (shardsDone, rowsDone) = (reader.GetInt64(9), reader.GetInt64(10));
                created = reader.GetFieldValue<DateTimeOffset>(11);
                firstStarted = Optional(reader, 12);
                lastFinished = Optional(reader, 13);
                finalized = Optional(reader, 14);
                now = reader.GetFieldValue<DateTimeOffset>(15);
                running = reader.GetInt64(16);
            }

            var errors = await ErroredShardsAsync(sweepId, maxAttempts, token);
            var workers = new List<SweepWorker>();
            await using (var list = Command(
                connection,
                null,
                """
                SELECT sw.worker, sw.shards, sw.rows, sw.last_finished_utc, w.last_seen_utc
                FROM life_sweep_workers sw LEFT JOIN life_workers w ON w.worker = sw.worker
                WHERE sw.sweep_id = @id ORDER BY sw.worker
                """,
                ("id", sweepId)))
            await using (var reader = await list.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    workers.Add(new SweepWorker(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), Optional(reader, 4)));
                }
            }

            return new SweepStatus(identity, state, shardsDone, rowsDone, running, created, firstStarted, lastFinished, finalized, now, errors, workers);
        }, cancellation);

    /// <summary>A silo's periodic report: alive, how busy, how much it did (status shows who is live).</summary>
    public Task HeartbeatAsync(string worker, DateTimeOffset started, int concurrency, int inFlight, long completed, CancellationToken cancellation) =>
        _retry.RunAsync("heartbeat", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var command = Command(
                connection,
                null,
                """
                INSERT INTO life_workers (worker, started_utc, last_seen_utc, concurrency, in_flight, shards_completed)
                VALUES (@worker, @started, now(), @concurrency, @inFlight, @completed)
                ON CONFLICT (worker) DO UPDATE SET last_seen_utc = now(), concurrency = EXCLUDED.concurrency,
                    in_flight = EXCLUDED.in_flight, shards_completed = EXCLUDED.shards_completed
                """,
                ("worker", worker),
                ("started", started.ToUniversalTime()),
                ("concurrency", concurrency),
                ("inFlight", inFlight),
                ("completed", completed));
            await command.ExecuteNonQueryAsync(token);
        }, cancellation);

    private static DateTimeOffset? Optional(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
