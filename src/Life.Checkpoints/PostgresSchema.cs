using Npgsql;

using Life.Sweep.Checkpoints;

namespace Life.Checkpoints;

/// <summary>
/// The cluster's tables, created or brought up to date on every start. Each migration runs once,
/// under an advisory lock, so silos and clients starting together never race on DDL (CREATE ... IF
/// NOT EXISTS alone is not safe against concurrent creators).
/// </summary>
internal static class PostgresSchema
{
    // Arbitrary, fixed: the advisory lock key that serializes LifeSweep migrations in one database.
    private const long MigrationLock = 0x4c6966655377_01;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE life_sweeps (
            id text PRIMARY KEY,
            name text NOT NULL,
            spec_hash text NOT NULL,
            spec_json text NOT NULL,
            total_configs bigint NOT NULL,
            shard_size integer NOT NULL,
            shard_count bigint NOT NULL,
            output_directory text NOT NULL UNIQUE,
            state text NOT NULL DEFAULT 'running',
            shards_done bigint NOT NULL DEFAULT 0,
            rows_done bigint NOT NULL DEFAULT 0,
            created_utc timestamptz NOT NULL DEFAULT now(),
            first_started_utc timestamptz,
            last_finished_utc timestamptz,
            finalized_utc timestamptz);
        CREATE TABLE life_shards (
            sweep_id text NOT NULL REFERENCES life_sweeps (id) ON DELETE CASCADE,
            shard bigint NOT NULL,
            state text NOT NULL DEFAULT 'pending',
            claims integer NOT NULL DEFAULT 0,
            failures integer NOT NULL DEFAULT 0,
            worker text,
            started_utc timestamptz,
            finished_utc timestamptz,
            rows bigint,
            rows_meeting bigint,
            file text,
            length bigint,
            sha256 text,
            front bytea,
            error text,
            PRIMARY KEY (sweep_id, shard));
        CREATE INDEX life_shards_running ON life_shards (sweep_id, shard) WHERE state = 'running';
        CREATE INDEX life_shards_failed ON life_shards (sweep_id, shard) WHERE failures > 0;
        CREATE TABLE life_sweep_workers (
            sweep_id text NOT NULL REFERENCES life_sweeps (id) ON DELETE CASCADE,
            worker text NOT NULL,
            shards bigint NOT NULL,
            rows bigint NOT NULL,
            last_finished_utc timestamptz NOT NULL,
            PRIMARY KEY (sweep_id, worker));
        CREATE TABLE life_workers (
            worker text PRIMARY KEY,
            started_utc timestamptz NOT NULL,
            last_seen_utc timestamptz NOT NULL,
            concurrency integer NOT NULL,
            in_flight integer NOT NULL,
            shards_completed bigint NOT NULL);
        """,
    ];

    public static int Version => Migrations.Length;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", MigrationLock);
            await command.ExecuteNonQueryAsync(cancellation);
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS life_schema_migrations (version integer PRIMARY KEY, applied_utc timestamptz NOT NULL DEFAULT now())",
            connection,
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellation);
        }

        int applied;
        await using (var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM life_schema_migrations", connection, transaction))
        {
            applied = Convert.ToInt32(await current.ExecuteScalarAsync(cancellation), System.Globalization.CultureInfo.InvariantCulture);
        }

        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            await using var migrate = new NpgsqlCommand(Migrations[version - 1], connection, transaction);
            await migrate.ExecuteNonQueryAsync(cancellation);
            await using var record = new NpgsqlCommand("INSERT INTO life_schema_migrations (version) VALUES (@version)", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            await record.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
    }
}
