using System.CommandLine;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands.Cluster;

/// <summary>
/// <c>life-sweep wait ID</c>: a progress bar until every shard is done, then the Pareto merge,
/// sweep.json and _SUCCESS. Exits 1 with one line if the sweep is cancelled or shards end in the
/// error state. Safe to kill and run again.
/// </summary>
internal static class WaitCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id (printed by submit)" };
        var top = new Option<int>("--top") { Description = "Pareto rows to print", DefaultValueFactory = _ => 10 };
        var cluster = new ClusterOptions();
        var command = new Command("wait", "Follow a cluster sweep until done, then merge the Pareto front and write sweep.json and _SUCCESS") { id, top };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var sweepId = parse.GetRequiredValue(id);
            await using var session = await ClusterSession.OpenAsync(cluster.Read(parse), TimeSpan.FromMinutes(2), cancellation);
            var summary = await SweepProgressView.RunAsync(writer, observer => session.Sweeps.WaitAsync(sweepId, observer, cancellation));
            SweepSummaryView.Write(writer, summary, parse.GetValue(top));
            return CliApplication.Success;
        });
        return command;
    }
}
