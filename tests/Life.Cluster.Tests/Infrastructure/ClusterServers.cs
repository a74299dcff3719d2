using System.Diagnostics;
using Npgsql;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the tests run against (<c>LIFE_POSTGRES</c>, by default the loopback server that eng/test-setup.d/30-cluster-servers.sh starts). A server that
/// is not there fails the test with the command that starts it: never a skip, never a mock.
/// </summary>
internal static class ClusterServers
{
    public static string Postgres { get; } = Environment.GetEnvironmentVariable("LIFE_POSTGRES") is { Length: > 0 } value
        ? value
        : "Host=127.0.0.1;Port=5433;Username=life;Database=life";

    private const string Fix = "Start the test servers with `bash eng/test-setup.d/30-cluster-servers.sh` (bash eng/test.sh runs it), or set LIFE_POSTGRES.";

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"life_t_{Guid.NewGuid():N}"[..20];
        try
        {
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"PostgreSQL is not reachable for the cluster tests ({e.Message}). {Fix}", e);
        }

        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs deploy/local-cluster.sh with a command (restart-postgres).</summary>
    public static Task LocalClusterAsync(string command) => RunAsync("bash", [RepositoryPaths.LocalCluster, command], TimeSpan.FromMinutes(3));

    private static async Task<string> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"`{file}` is not installed. {Fix}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cancellation = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancellation.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors} {Fix}");
            }

            return await output;
        }
    }
}
