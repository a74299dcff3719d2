using Life.Cluster.Tests.Infrastructure;

namespace Life.Cluster.Tests;

/// <summary>
/// Faults during a cluster sweep. Each test ends with the dataset equal to the fault-free one (same
/// files byte for byte, so the same rows and values) and DuckDB finding one row per config_id: no
/// duplicates, none missing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FaultTests : ClusterTest
{
    // 260 shards of 20 configurations: a few seconds of claims, commits and messages to hit.
    private const int ShardSize = 20;

    // 5,184 configurations in 1,296 shards of 4: a sweep of seconds even on a quiet machine.
    private const int LongSweepShardSize = 4;

    public FaultTests(ITestOutputHelper log)
        : base(log)
    {
    }

    // Two runs of ten kills: twenty SIGKILL trials at random points, each mid-shard.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Silos_killed_with_sigkill_mid_shard_at_random_points(int run)
    {
        // Small shards: 1,296 of them, so the sweep outlasts ten kills and the joins of the silos
        // that replace them (it goes on while each replacement joins: re-runs take seconds).
        var spec = Specs.Write(Cluster.Directory, LongSweepShardSize);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        var silos = new List<ChildProcess> { await StartReadySiloAsync(), await StartReadySiloAsync() };
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        var seed = Environment.TickCount;
        Log.WriteLine($"run {run}, random seed {seed}");
        var random = new Random(seed);
        var killedClaims = new List<(long Shard, DateTimeOffset Killed, bool HostedGrain, Task<DateTimeOffset?> Declared)>();
        long target = 0;
        for (var kill = 0; kill < 10; kill++)
        {
            // The replacement started after the previous kill has joined: every kill leaves an
            // active silo to detect it (with none, only joining ones, detection waits for the dead
            // silo to go stale in the membership table: docs/cluster.md).
            foreach (var silo in silos)
            {
                Assert.NotNull(await silo.WaitForLineAsync(line => line.Contains("health: database ok", StringComparison.Ordinal), TimeSpan.FromMinutes(2)));
            }

            // A random point of the sweep, then the victim's next shard while it is being evaluated.
            target += random.Next(10, 40);
            Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= target, TimeSpan.FromMinutes(2)), "the sweep stopped progressing");
            var (victim, shard) = await FreezeOneMidShardAsync(id, silos, random);
            victim.Kill();
            var killed = DateTimeOffset.UtcNow;
            silos.Remove(victim);
            var hostedGrain = Membership.HostedSweepGrain(victim, id);
            killedClaims.Add((shard, killed, hostedGrain, Membership.DeclaredDeadAsync(Cluster.Postgres, Cluster.SiloPortOf(victim), TimeSpan.FromMinutes(3))));
            Log.WriteLine($"kill -9 {victim.Name} (pid {victim.Id}{(hostedGrain ? ", the sweep grain's silo" : "")}) while it evaluated shard {shard}, {target}+ shards done");
            silos.Add(Cluster.StartSilo());
        }

        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);

        // Every kill landed mid-shard: each such shard was claimed again and completed by another silo.
        // The timings are reported (docs/cluster.md), not asserted: they depend on the machine's load.
        var timings = new List<(double Declared, double Rerun, bool HostedGrain)>();
        foreach (var (shard, killed, hostedGrain, declaredTask) in killedClaims)
        {
            Assert.Equal(1L, await QueryAsync<long>("SELECT count(*) FROM life_shards WHERE sweep_id = @id AND shard = @shard AND claims >= 2 AND state = 'done'", ("id", id), ("shard", shard)));
            var finished = await QueryAsync<DateTime>("SELECT finished_utc FROM life_shards WHERE sweep_id = @id AND shard = @shard", ("id", id), ("shard", shard));
            var rerun = (new DateTimeOffset(finished, TimeSpan.Zero) - killed).TotalSeconds;
            var declared = await declaredTask is { } at ? (at - killed).TotalSeconds : double.NaN;
            timings.Add((declared, rerun, hostedGrain));
            Log.WriteLine($"shard {shard}: silo killed mid-shard{(hostedGrain ? " (it hosted the sweep grain)" : "")}, declared dead {declared:0.0} s and the shard done again {rerun:0.0} s after the kill");
        }

        Log.WriteLine($"kill to declared dead: {Range(timings.Select(t => t.Declared))}; kill to shard done again: {Range(timings.Where(t => !t.HostedGrain).Select(t => t.Rerun))} (worker silo), {Range(timings.Where(t => t.HostedGrain).Select(t => t.Rerun))} (sweep grain's silo)");
    }

    [Fact]
    public async Task A_silo_started_late_takes_its_share()
    {
        // Small shards: 1,296 of them, so the sweep outlasts the late silo's start and join.
        var spec = Specs.Write(Cluster.Directory, LongSweepShardSize);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        await StartReadySiloAsync();
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= 30, TimeSpan.FromMinutes(2)));
        var late = await StartReadySiloAsync();

        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
        var shardsOfLate = await QueryAsync<long>("SELECT COALESCE(SUM(shards), 0)::bigint FROM life_sweep_workers WHERE sweep_id = @id AND worker = @worker", ("id", id), ("worker", WorkerName(late)));
        Assert.True(shardsOfLate > 0, "the late silo did no shard");
    }

    [Fact]
    public async Task The_sweep_grains_silo_killed_mid_sweep_and_its_reminder_carries_the_sweep_on()
    {
        // Small shards: 1,296 of them, so the sweep outlasts the second silo's start and the kill.
        var spec = Specs.Write(Cluster.Directory, LongSweepShardSize);
        var shards = Specs.Configurations / LongSweepShardSize;
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));

        // The only silo when the sweep is submitted: its grain is activated there.
        var host = await StartReadySiloAsync();
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        var survivor = await StartReadySiloAsync();
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= 20, TimeSpan.FromMinutes(2)));
        Assert.True(Membership.HostedSweepGrain(host, id), "the sweep grain is not on the silo that was alone when it was submitted");
        host.Kill();
        var killed = DateTimeOffset.UtcNow;
        var doneAtKill = await QueryAsync<long>("SELECT shards_done FROM life_sweeps WHERE id = @id", ("id", id));
        Log.WriteLine($"kill -9 the sweep grain's silo with {doneAtKill} of {shards} shards done");
        Assert.True(doneAtKill < shards, "the sweep finished before its grain's silo was killed; make it longer");

        // No client calls the grain: the surviving silo calls it when membership declares its silo
        // dead (its reminder is the fallback); it is re-activated there and finishes the sweep.
        var declared = Membership.DeclaredDeadAsync(Cluster.Postgres, Cluster.SiloPortOf(host), TimeSpan.FromMinutes(3));
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done == shards, TimeSpan.FromMinutes(3)), "the sweep did not go on after its grain's silo died");
        var reactivated = Membership.LoggedAt([survivor], $"sweep {id}: grain active on this silo, re-activated while running");
        Log.WriteLine($"sweep grain's silo killed: declared dead {Seconds(await declared - killed)} s, grain re-activated on the survivor {Seconds(reactivated - killed)} s after the kill");
        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
    }

    [Fact]
    public async Task PostgreSql_restarted_mid_sweep()
    {
        var spec = Specs.Write(Cluster.Directory, ShardSize);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        await StartReadySiloAsync();
        await StartReadySiloAsync();
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= 40, TimeSpan.FromMinutes(2)));

        // wait runs through the restart too: its polls are retried like the silos' writes.
        var wait = Cluster.RunAsync("wait", id);
        await ClusterServers.LocalClusterAsync("restart-postgres");
        var result = await wait;
        Assert.True(result.ExitCode == 0, $"wait failed: {result.Error}");
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
    }

    [Fact]
    public async Task A_silo_started_while_PostgreSql_is_down_and_one_started_during_its_restart_join_when_it_is_back()
    {
        // Small shards: 1,296 of them, so the sweep outlasts the outage and both starts.
        var spec = Specs.Write(Cluster.Directory, LongSweepShardSize);
        var shards = Specs.Configurations / LongSweepShardSize;
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        await StartReadySiloAsync();
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= 20, TimeSpan.FromMinutes(2)));

        // A password the server does not ask for (trust on loopback), there to be kept out of the logs.
        const string Secret = "s3cret-at-start";
        string[] withSecret = ["--postgres", $"{Cluster.Postgres};Password={Secret}"];

        // Down before the silo starts, up a few seconds after it said it is retrying.
        await ClusterServers.LocalClusterAsync("stop-postgres");
        var early = Cluster.StartSilo(1, withSecret);
        var retrying = await early.WaitForLineAsync(IsRetry, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await ClusterServers.LocalClusterAsync("servers");
        Npgsql.NpgsqlConnection.ClearAllPools(); // this test's own connections died with the server
        Assert.True(retrying is not null, $"{early.Name} logged no retry while PostgreSQL was down:\n{early.Output}");
        await AssertJoinsAsync(early);
        var doneWhenEarlyJoined = await QueryAsync<long>("SELECT shards_done FROM life_sweeps WHERE id = @id", ("id", id));

        // Restarted at a random point of the next silo's Orleans start, after its own database steps:
        // membership, grain storage and reminders read the database there, and the start is made again.
        var during = Cluster.StartSilo(1, withSecret);
        Assert.NotNull(await during.WaitForLineAsync(line => line.Contains("database ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
        var delay = new Random().Next(0, 1000);
        await Task.Delay(delay);
        await ClusterServers.LocalClusterAsync("restart-postgres");
        Npgsql.NpgsqlConnection.ClearAllPools();
        Log.WriteLine($"PostgreSQL restarted {delay} ms after {during.Name} began its Orleans start");
        await AssertJoinsAsync(during);

        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
        foreach (var silo in new[] { early, during })
        {
            Log.WriteLine($"{silo.Name} retries:\n{string.Join('\n', silo.Lines.Where(IsRetry))}");
            Assert.DoesNotContain(Secret, silo.Output, StringComparison.Ordinal);
        }

        if (doneWhenEarlyJoined < shards)
        {
            var shardsOfEarly = await QueryAsync<long>("SELECT COALESCE(SUM(shards), 0)::bigint FROM life_sweep_workers WHERE sweep_id = @id AND worker = @worker", ("id", id), ("worker", WorkerName(early)));
            Assert.True(shardsOfEarly > 0, $"{early.Name} joined with {doneWhenEarlyJoined} of {shards} shards done and did none");
        }

        static bool IsRetry(string line) =>
            line.Contains("retrying in", StringComparison.Ordinal) || line.Contains("starting again in", StringComparison.Ordinal);

        async Task AssertJoinsAsync(ChildProcess silo)
        {
            var healthy = await silo.WaitForLineAsync(line => line.Contains("health: database ok", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            Assert.True(healthy is not null && !silo.HasExited, $"{silo.Name} did not join after PostgreSQL came back:\n{silo.Output}");
        }
    }

    [Fact]
    public async Task Submitting_client_killed_then_resume_and_a_killed_wait_run_again()
    {
        var spec = Specs.Write(Cluster.Directory, ShardSize);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));

        await StartReadySiloAsync();
        await StartReadySiloAsync();

        // Killed at a random point: before or after it recorded the sweep and told its grain.
        var submit = Cluster.StartClient("submit", spec, "--out", Cluster.Path("out"));
        var id = (await submit.WaitForLineAsync(line => line.StartsWith("sw-", StringComparison.Ordinal), TimeSpan.FromMinutes(1)))?.Trim();
        Assert.NotNull(id);
        await Task.Delay(new Random().Next(0, 1000));
        submit.Kill();
        Log.WriteLine($"submit killed after: {string.Join(" | ", submit.Lines)}");

        var resume = await Cluster.RunAsync("resume", id);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains($"resumed {id}: ", resume.Output, StringComparison.Ordinal);

        // The waiting client killed too, mid-sweep; waiting again finishes the job.
        var firstWait = Cluster.StartClient("wait", id);
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= 50, TimeSpan.FromMinutes(2)));
        firstWait.Kill();
        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
    }

    [Fact]
    public async Task Sigterm_lets_a_silo_finish_or_release_its_shard_and_exit_cleanly()
    {
        var spec = Specs.Write(Cluster.Directory, ShardSize);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        var stopping = await StartReadySiloAsync();
        await StartReadySiloAsync();
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        Assert.True(await Cluster.WaitForProgressAsync(id, done => done >= 30, TimeSpan.FromMinutes(2)));

        await WaitForClaimAsync(id, WorkerName(stopping));
        stopping.Terminate();
        Assert.True(await stopping.WaitForExitAsync(TimeSpan.FromMinutes(2)), "the silo did not stop after SIGTERM");
        Assert.Equal(0, stopping.ExitCode);
        Assert.Contains(stopping.Lines, line => line.Contains("stopped:", StringComparison.Ordinal));

        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
        Assert.Equal(0L, await QueryAsync<long>("SELECT count(*) FROM life_shards WHERE sweep_id = @id AND state <> 'done'", ("id", id)));
    }

    private static string Seconds(TimeSpan? span) => span is { } value ? value.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static string Range(IEnumerable<double> seconds)
    {
        var sorted = seconds.Where(double.IsFinite).Order().ToList();
        return sorted.Count == 0
            ? "no case"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sorted[0]:0.0}-{sorted[^1]:0.0} s, median {sorted[sorted.Count / 2]:0.0} s ({sorted.Count} cases)");
    }

    /// <summary>
    /// Stops (SIGSTOP) a silo, picked at random among those holding a claimed, unfinished shard, and returns it
    /// with that shard, so a kill that follows lands mid-shard for certain: a 20-row shard takes
    /// milliseconds, and a kill racing it would often land between shards instead.
    /// </summary>
    private async Task<(ChildProcess Silo, long Shard)> FreezeOneMidShardAsync(string sweepId, IReadOnlyList<ChildProcess> silos, Random random)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            var holders = new List<ChildProcess>();
            foreach (var silo in silos)
            {
                if (await RunningShardAsync(sweepId, silo) >= 0)
                {
                    holders.Add(silo);
                }
            }

            if (holders.Count == 0)
            {
                continue;
            }

            var victim = holders[random.Next(holders.Count)];
            victim.Freeze();

            // Let a commit already on the wire land before reading the frozen worker's state.
            await Task.Delay(100);
            var shard = await RunningShardAsync(sweepId, victim);
            if (shard >= 0)
            {
                return (victim, shard);
            }

            victim.Thaw();
        }

        throw new TimeoutException("no silo was caught holding a shard");
    }

    private Task<long> RunningShardAsync(string sweepId, ChildProcess silo) =>
        QueryAsync<long>("SELECT COALESCE(MIN(shard), -1)::bigint FROM life_shards WHERE sweep_id = @id AND state = 'running' AND worker = @worker", ("id", sweepId), ("worker", WorkerName(silo)));

    /// <summary>Polls for a shard the worker has claimed and not finished: it is evaluating it now.</summary>
    private async Task<long> WaitForClaimAsync(string sweepId, string worker)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Cluster.Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT shard FROM life_shards WHERE sweep_id = @id AND state = 'running' AND worker = @worker LIMIT 1", connection);
        command.Parameters.AddWithValue("id", sweepId);
        command.Parameters.AddWithValue("worker", worker);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (await command.ExecuteScalarAsync() is long shard)
            {
                return shard;
            }
        }

        throw new TimeoutException($"{worker} claimed no shard");
    }
}
