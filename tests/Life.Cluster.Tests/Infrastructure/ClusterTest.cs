using Npgsql;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>Base of the cluster test classes: a fresh <see cref="TestCluster"/> per test, and shared steps.</summary>
public abstract class ClusterTest : IAsyncLifetime
{
    private TestCluster? _cluster;

    protected ClusterTest(ITestOutputHelper log)
    {
        Log = log;
    }

    protected ITestOutputHelper Log { get; }

    internal TestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(Log);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Starts a silo and waits until it has joined the cluster (its first health line comes after).</summary>
    internal async Task<ChildProcess> StartReadySiloAsync(int concurrency = 1, params string[] extra)
    {
        var silo = Cluster.StartSilo(concurrency, extra);
        var ready = await silo.WaitForLineAsync(line => line.Contains("health: database ok", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.True(ready is not null, $"{silo.Name} did not become healthy:\n{silo.Output}");
        return silo;
    }

    internal static string WorkerName(ChildProcess silo) => $"silo@{Environment.MachineName}:{silo.Id}";

    /// <summary>Runs wait in this process and checks it succeeded.</summary>
    internal async Task WaitForSweepAsync(string sweepId)
    {
        var wait = await Cluster.RunAsync("wait", sweepId);
        Assert.True(wait.ExitCode == 0, $"wait failed ({wait.ExitCode}): {wait.Error}");
    }

    internal async Task<T> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
