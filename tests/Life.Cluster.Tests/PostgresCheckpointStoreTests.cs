using Life.Checkpoints;
using Life.Cluster.Tests.Infrastructure;
using Life.Sweep.Checkpoints;
using Npgsql;

namespace Life.Cluster.Tests;

/// <summary>The PostgreSQL checkpoint store on a real server: exactly-once completion, claims, schema, cheap progress at a million shards.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresCheckpointStoreTests : IAsyncLifetime
{
    private string _database = string.Empty;

    public async Task InitializeAsync() => _database = await ClusterServers.CreateDatabaseAsync();

    public Task DisposeAsync() => ClusterServers.DropDatabaseAsync(_database);

    [Fact]
    public async Task Racing_completions_of_one_shard_commit_once_and_only_the_winner_publishes()
    {
        await using var store = await PostgresCheckpointStore.OpenAsync(_database, null, CancellationToken.None);
        await store.OpenSweepAsync(Sweep("race", 4), CancellationToken.None);
        var published = new List<string>();
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TryCompleteShardAsync(
            "race",
            Record(2, $"worker-{i}"),
            () =>
            {
                lock (published)
                {
                    published.Add($"worker-{i}");
                }
            },
            CancellationToken.None)));
        var wins = await Task.WhenAll(racers);

        Assert.Single(wins, won => won);
        var winner = Assert.Single(published);
        var record = Assert.Single(await store.CompletedShardsAsync("race", CancellationToken.None));
        Assert.Equal(winner, record.Worker);
        Assert.Equal((1L, 100L), await store.ProgressAsync("race", CancellationToken.None));
        Assert.Equal(ShardClaim.AlreadyDone, await store.ClaimShardAsync("race", 2, "late", CancellationToken.None));
    }

    [Fact]
    public async Task Claims_say_proceed_then_done_and_nothing_once_the_sweep_is_cancelled()
    {
        await using var store = await PostgresCheckpointStore.OpenAsync(_database, null, CancellationToken.None);
        await store.OpenSweepAsync(Sweep("claims", 3), CancellationToken.None);
        Assert.Equal(ShardClaim.Proceed, await store.ClaimShardAsync("claims", 0, "w", CancellationToken.None));
        Assert.True(await store.TryCompleteShardAsync("claims", Record(0, "w"), () => { }, CancellationToken.None));
        Assert.Equal(ShardClaim.AlreadyDone, await store.ClaimShardAsync("claims", 0, "w", CancellationToken.None));

        Assert.Equal(SweepStates.Running, await store.SetStateAsync("claims", SweepStates.Cancelled, CancellationToken.None));
        Assert.Equal(ShardClaim.SweepStopped, await store.ClaimShardAsync("claims", 1, "w", CancellationToken.None));

        Assert.Equal(1, await store.RecordFailureAsync("claims", 2, "w", "boom", CancellationToken.None));
        Assert.Empty(await store.ErroredShardsAsync("claims", 2, CancellationToken.None));
        Assert.Equal(2, await store.RecordFailureAsync("claims", 2, "w", "boom again", CancellationToken.None));
        var error = Assert.Single(await store.ErroredShardsAsync("claims", 2, CancellationToken.None));
        Assert.Equal(new ShardFailure(2, 2, "boom again"), error);

        await store.InvalidateShardAsync("claims", 0, CancellationToken.None);
        Assert.Equal((0L, 0L), await store.ProgressAsync("claims", CancellationToken.None));
    }

    [Fact]
    public async Task The_schema_is_created_once_when_stores_open_together_and_again_is_a_no_op()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresCheckpointStore.OpenAsync(_database, null, CancellationToken.None)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await using (await PostgresCheckpointStore.OpenAsync(_database, null, CancellationToken.None))
        {
        }

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM life_schema_migrations"));
    }

    [Fact]
    public async Task Progress_and_status_at_a_million_shards_use_indexes_and_counters_not_scans()
    {
        await using var store = await PostgresCheckpointStore.OpenAsync(_database, null, CancellationToken.None);
        await store.OpenSweepAsync(Sweep("big", 1_000_000), CancellationToken.None);
        Assert.True(await store.TryCompleteShardAsync("big", Record(999_999, "w"), () => { }, CancellationToken.None));
        await ScalarAsync<object>("ANALYZE life_shards");

        Assert.Equal(1_000_000L, await ScalarAsync<long>("SELECT count(*) FROM life_shards WHERE sweep_id = 'big'"));
        var status = await store.StatusAsync("big", 3, CancellationToken.None);
        Assert.NotNull(status);
        Assert.Equal(1L, status.ShardsDone);

        // The per-poll queries of status and wait: none may read the million rows.
        foreach (var query in new[]
        {
            "SELECT count(*) FROM life_shards WHERE sweep_id = 'big' AND state = 'running'",
            "SELECT shard, failures, error FROM life_shards WHERE sweep_id = 'big' AND failures >= 3 AND failures > 0 AND state <> 'done'",
            "SELECT state FROM life_shards WHERE sweep_id = 'big' AND shard = 5",
        })
        {
            var plan = await PlanAsync(query);
            Assert.DoesNotContain("Seq Scan on life_shards", plan, StringComparison.Ordinal);
        }
    }

    private static SweepIdentity Sweep(string id, long shards) =>
        new(id, id, "hash-" + id, "{}", shards * 100, 100, shards, $"/shared/{id}");

    private static ShardRecord Record(long shard, string worker) =>
        new(shard, 100, 40, $"results/part-{shard:D5}.parquet", 1234, "abc", [1, 2, 3], worker, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync() ?? DBNull.Value);
    }

    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
