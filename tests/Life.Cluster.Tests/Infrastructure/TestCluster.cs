using Life.Checkpoints;
using Life.Sweep.Checkpoints;
using Life.SweepClient;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>
/// One test's cluster: a fresh PostgreSQL database on the real server (its own membership table,
/// so its own Orleans cluster), a temporary directory (the "shared file system"), and the silo and client processes it started.
/// Everything is killed, dropped and deleted on dispose.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<int, int> _siloPorts = [];
    private readonly ITestOutputHelper _log;
    private int _silos;

    private TestCluster(string postgres, string directory, ITestOutputHelper log)
    {
        Postgres = postgres;
        Directory = directory;
        _log = log;
    }

    public string Postgres { get; }

    public string Directory { get; }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["LIFE_POSTGRES"] = Postgres,
    };

    public static async Task<TestCluster> StartAsync(ITestOutputHelper log)
    {
        var postgres = await ClusterServers.CreateDatabaseAsync();
        var directory = System.IO.Directory.CreateTempSubdirectory("life-cluster-tests-").FullName;
        return new TestCluster(postgres, directory, log);
    }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public ChildProcess StartSilo(int concurrency = 1, params string[] extra)
    {
        var siloPort = Life.Grains.Hosting.FreePort.Next();
        var silo = ChildProcess.Start($"silo-{++_silos}", RepositoryPaths.SiloDll, ["--concurrency", Text(concurrency), "--health-interval", "1", "--silo-port", Text(siloPort), "--gateway-port", Text(Life.Grains.Hosting.FreePort.Next()), .. extra], Environment);
        _processes.Add(silo);
        _siloPorts[silo.Id] = siloPort;
        return silo;
    }

    /// <summary>The silo-to-silo port a silo was started with: its row in Orleans' membership table.</summary>
    public int SiloPortOf(ChildProcess silo) => _siloPorts[silo.Id];

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>life-sweep as a separate process (for the tests that kill the client).</summary>
    public ChildProcess StartClient(params string[] arguments)
    {
        var client = ChildProcess.Start($"client-{arguments[0]}", RepositoryPaths.ClientDll, arguments, Environment);
        _processes.Add(client);
        return client;
    }

    /// <summary>life-sweep in this process, with this cluster's settings as options.</summary>
    public async Task<CliRun> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync([.. arguments, "--postgres", Postgres], output, error);
        var run = new CliRun(code, output.ToString(), error.ToString());
        _log.WriteLine($"$ life-sweep {string.Join(' ', arguments)} -> {code}\n{run.Output}{run.Error}");
        return run;
    }

    /// <summary>Submits in this process; returns the sweep id (the first line).</summary>
    public async Task<string> SubmitAsync(string spec, string output)
    {
        var run = await RunAsync("submit", spec, "--out", output);
        Assert.True(run.ExitCode == 0, $"submit failed: {run.Error}");
        return run.Output.Split('\n')[0].Trim();
    }

    public async Task<PostgresCheckpointStore> OpenStoreAsync() => await PostgresCheckpointStore.OpenAsync(Postgres, null, CancellationToken.None);

    /// <summary>Polls the store until <paramref name="condition"/> holds on (shards done, rows); false on timeout.</summary>
    public async Task<bool> WaitForProgressAsync(string sweepId, Func<long, bool> condition, TimeSpan timeout)
    {
        await using var store = await OpenStoreAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var (shards, _) = await store.ProgressAsync(sweepId, CancellationToken.None);
            if (condition(shards))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        // Whole outputs kept outside the test's directory, for a failure that the last lines do not explain.
        var logs = System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "life-cluster-test-logs", new Npgsql.NpgsqlConnectionStringBuilder(Postgres).Database!)).FullName;
        foreach (var process in _processes)
        {
            process.Kill();
            await File.WriteAllLinesAsync(System.IO.Path.Combine(logs, $"{process.Name}.log"), process.Lines);
            _log.WriteLine($"--- {process.Name} (pid {process.Id}) output, last 40 lines (all: {logs}/{process.Name}.log):\n{string.Join('\n', process.Lines.TakeLast(40))}");
            process.Dispose();
        }

        await ClusterServers.DropDatabaseAsync(Postgres);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
