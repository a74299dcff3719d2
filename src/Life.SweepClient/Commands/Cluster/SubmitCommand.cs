using System.CommandLine;
using System.Globalization;

namespace Life.SweepClient.Commands.Cluster;

/// <summary>
/// <c>life-sweep submit SPEC --out DIR</c>: records the sweep and its shards in PostgreSQL, prints the
/// sweep id (first line, alone), then tells the sweep's grain to start. The grain runs the sweep
/// whether or not this process stays; if it dies before the grain was told, <c>resume ID</c> starts it.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Sweep spec (YAML or JSON)" };
        var output = new Option<string>("--out", "-o") { Description = "Output directory, visible to every silo (shared file system)", Required = true };
        var allowHuge = new Option<bool>("--allow-huge") { Description = "Allow sweeps of more than 10^10 configurations" };
        var cluster = new ClusterOptions();
        var command = new Command("submit", "Submit a sweep to the cluster (PostgreSQL + life-silo silos); prints the sweep id")
        {
            spec, output, allowHuge,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            await using var session = await ClusterSession.OpenAsync(cluster.Read(parse), TimeSpan.FromMinutes(2), cancellation, connectGiveUpAfter: TimeSpan.FromSeconds(10));
            var sweep = await session.Sweeps.RecordAsync(parse.GetRequiredValue(spec), parse.GetRequiredValue(output), parse.GetValue(allowHuge), cancellation);
            await writer.WriteLineAsync(sweep.Id);
            await writer.FlushAsync(cancellation);
            var pending = await session.Sweeps.TryStartAsync(sweep.Id, cancellation);
            await writer.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"submitted {sweep.Name}: {sweep.TotalConfigs:N0} configurations in {sweep.ShardCount:N0} shards, {(pending is { } count ? $"{count:N0} to do" : "no silo up yet: the first silo to join starts it")}; output {sweep.OutputDirectory}"));
            await writer.WriteLineAsync($"follow it: life-sweep status {sweep.Id}   |   life-sweep wait {sweep.Id}");
            return CliApplication.Success;
        });
        return command;
    }
}
