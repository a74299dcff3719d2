using System.CommandLine;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands.Cluster;

/// <summary><c>life-sweep status ID</c>: shards done/total, rows, rate, ETA, errors, workers seen.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id (printed by submit)" };
        var cluster = new ClusterOptions();
        var command = new Command("status", "Show a cluster sweep's progress: shards done/total, rows, rate, ETA, errors, workers") { id };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            await using var session = await ClusterSession.OpenAsync(cluster.Read(parse), TimeSpan.FromSeconds(10), cancellation);
            var status = await session.Sweeps.StatusAsync(parse.GetRequiredValue(id), cancellation);
            ClusterStatusView.Write(parse.InvocationConfiguration.Output, status);
            return CliApplication.Success;
        });
        return command;
    }
}
