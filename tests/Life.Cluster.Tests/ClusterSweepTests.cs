using Life.Cluster.Tests.Infrastructure;

namespace Life.Cluster.Tests;

/// <summary>Cluster sweeps without faults: the dataset of 2 silos equals the one-machine run; status, cancel, errors; bad input.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSweepTests : ClusterTest
{
    public ClusterSweepTests(ITestOutputHelper log)
        : base(log)
    {
    }

    [Fact]
    public async Task Two_silo_processes_produce_the_dataset_that_run_produces()
    {
        var spec = Specs.Write(Cluster.Directory, shardSize: 100);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        await StartReadySiloAsync();
        await StartReadySiloAsync();

        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        await WaitForSweepAsync(id);

        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
        var status = await Cluster.RunAsync("status", id);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"{id} (cluster-test), completed", status.Output, StringComparison.Ordinal);
        Assert.Contains("shards:  52/52 done, 0 running, 0 in error", status.Output, StringComparison.Ordinal);
        Assert.Contains("rows:    5,184/5,184 configurations (100.0%)", status.Output, StringComparison.Ordinal);
        Assert.Contains("workers: 2 seen", status.Output, StringComparison.Ordinal);
        Assert.Equal(52L, await QueryAsync<long>("SELECT count(*) FROM life_shards WHERE sweep_id = @id AND state = 'done' AND sha256 IS NOT NULL", ("id", id)));
    }

    [Fact]
    public async Task Submitting_the_same_spec_and_directory_again_finds_the_same_sweep()
    {
        var spec = Specs.Write(Cluster.Directory, shardSize: 1000);
        var first = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        var second = await Cluster.SubmitAsync(spec, Cluster.Path("out"));
        Assert.Equal(first, second);

        var other = Specs.Write(Cluster.Directory, shardSize: 500, name: "other");
        var clash = await Cluster.RunAsync("submit", other, "--out", Cluster.Path("out"));
        Assert.Equal(2, clash.ExitCode);
        Assert.Contains("different spec", clash.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_stops_the_sweep_a_joining_silo_leaves_it_wait_ends_and_resume_continues_it()
    {
        var spec = Specs.Write(Cluster.Directory, shardSize: 100);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));

        var cancel = await Cluster.RunAsync("cancel", id);
        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains($"cancelled {id}", cancel.Output, StringComparison.Ordinal);

        // A silo joining does not start a cancelled sweep.
        await StartReadySiloAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0L, await QueryAsync<long>("SELECT shards_done FROM life_sweeps WHERE id = @id", ("id", id)));
        Assert.Equal(0L, await QueryAsync<long>("SELECT count(*) FROM life_shards WHERE sweep_id = @id AND state <> 'pending'", ("id", id)));

        var wait = await Cluster.RunAsync("wait", id);
        Assert.Equal(1, wait.ExitCode);
        Assert.Contains($"sweep {id} was cancelled with 0 of 52 shards done", wait.Error, StringComparison.Ordinal);
        Assert.Single(wait.Error.Trim().Split('\n'));

        var resume = await Cluster.RunAsync("resume", id);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("52 shard(s) to do, no longer cancelled", resume.Output, StringComparison.Ordinal);
        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
    }

    [Fact]
    public async Task A_shard_failing_repeatedly_goes_to_the_error_state_shown_by_status_and_resume_retries_it()
    {
        var spec = Specs.Write(Cluster.Directory, shardSize: 100);
        var reference = await Datasets.ReferenceAsync(spec, Cluster.Path("reference"));
        var id = await Cluster.SubmitAsync(spec, Cluster.Path("out"));

        // A directory where shard 3's file must go: moving the file into place fails every time.
        var blocker = Path.Combine(Cluster.Path("out"), "results", "part-00003.parquet");
        Directory.CreateDirectory(blocker);
        await StartReadySiloAsync();

        var wait = await Cluster.RunAsync("wait", id);
        Assert.Equal(1, wait.ExitCode);
        Assert.Contains("1 shard(s) failed after 3 attempts (shard 3: ", wait.Error, StringComparison.Ordinal);
        Assert.Contains($"life-sweep resume {id}", wait.Error, StringComparison.Ordinal);
        var status = await Cluster.RunAsync("status", id);
        Assert.Contains("shards:  51/52 done, 0 running, 1 in error", status.Output, StringComparison.Ordinal);
        Assert.Contains("shard 3 (3 attempts): ", status.Output, StringComparison.Ordinal);
        Assert.Equal(3, await QueryAsync<int>("SELECT failures FROM life_shards WHERE sweep_id = @id AND shard = 3", ("id", id)));

        Directory.Delete(blocker);
        var resume = await Cluster.RunAsync("resume", id);
        Assert.Contains("1 shard(s) to do, 1 shard(s) taken out of the error state", resume.Output, StringComparison.Ordinal);
        await WaitForSweepAsync(id);
        Datasets.AssertSame(reference, Cluster.Path("out"), Specs.Configurations);
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line_and_an_unreachable_database_exits_1_without_its_password()
    {
        var unknown = await Cluster.RunAsync("status", "sw-nosuchsweep");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("life-sweep: no sweep 'sw-nosuchsweep' in this cluster's database", unknown.Error.Trim());

        var spec = Path.Combine(Cluster.Directory, "bad.yaml");
        await File.WriteAllTextAsync(spec, "name: bad\nhardware: [no-such-gpu]\nmodels: [llama-2-7b]\n");
        var bad = await Cluster.RunAsync("submit", spec, "--out", Cluster.Path("bad-out"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.Error.Trim().Split('\n'));
        Assert.Contains("no-such-gpu", bad.Error, StringComparison.Ordinal);

        Directory.CreateDirectory(Cluster.Path("busy"));
        await File.WriteAllTextAsync(Path.Combine(Cluster.Path("busy"), "notes.txt"), "mine");
        var busy = await Cluster.RunAsync("submit", Specs.Write(Cluster.Directory, 100), "--out", Cluster.Path("busy"));
        Assert.Equal(2, busy.ExitCode);
        Assert.Contains("is not the output directory of a sweep", busy.Error, StringComparison.Ordinal);

        using var postgresError = new StringWriter();
        var malformed = await Life.SweepClient.CliApplication.RunAsync(["status", "x", "--postgres", "Host=127.0.0.1;Port=nope"], TextWriter.Null, postgresError);
        Assert.Equal(2, malformed);
        Assert.Contains("LIFE_POSTGRES is not a valid Npgsql connection string", postgresError.ToString(), StringComparison.Ordinal);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var down = await Life.SweepClient.CliApplication.RunAsync(
            ["status", "x", "--postgres", "Host=127.0.0.1;Port=1;Username=life;Password=s3cret-pw;Database=life;Timeout=2"], output, error);
        Log.WriteLine(error.ToString());
        Assert.Equal(1, down);
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.DoesNotContain("s3cret-pw", error.ToString() + output, StringComparison.Ordinal);

        var silo = Cluster.StartSilo(1, "--concurrency", "0");
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("life-silo: --concurrency '0' must be a whole number of at least 1", silo.Output, StringComparison.Ordinal);
    }
}
