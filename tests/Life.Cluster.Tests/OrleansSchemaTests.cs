using Life.Cluster.Tests.Infrastructure;
using Life.Grains.Cluster;
using Npgsql;

namespace Life.Cluster.Tests;

/// <summary>The project's own PostgreSQL schema for Orleans' ADO.NET providers (the packages ship none).</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrleansSchemaTests : IAsyncLifetime
{
    private string _database = null!;

    public async Task InitializeAsync() => _database = await ClusterServers.CreateDatabaseAsync();

    public Task DisposeAsync() => ClusterServers.DropDatabaseAsync(_database);

    [Fact]
    public async Task Applied_by_two_processes_at_once_and_again_it_leaves_one_set_of_tables_and_queries()
    {
        await Task.WhenAll(OrleansSchema.ApplyAsync(_database, CancellationToken.None), OrleansSchema.ApplyAsync(_database, CancellationToken.None));
        var queries = await ScalarAsync("SELECT count(*) FROM OrleansQuery");
        await OrleansSchema.ApplyAsync(_database, CancellationToken.None);

        Assert.Equal(queries, await ScalarAsync("SELECT count(*) FROM OrleansQuery"));
        foreach (var key in new[] { "InsertMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadAllKey", "WriteToStorageKey", "ReadFromStorageKey", "UpsertReminderRowKey", "ReadRangeRows1Key" })
        {
            Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM OrleansQuery WHERE QueryKey = '{key}'"));
        }

        foreach (var table in new[] { "orleansmembershiptable", "orleansmembershipversiontable", "orleansstorage", "orleansreminderstable" })
        {
            Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'"));
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
