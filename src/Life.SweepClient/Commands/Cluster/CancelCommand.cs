using System.CommandLine;
using Life.Sweep.Checkpoints;

namespace Life.SweepClient.Commands.Cluster;

/// <summary><c>life-sweep cancel ID</c>: its grain stops dispatching; completed shards are kept (resume continues).</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id (printed by submit)" };
        var cluster = new ClusterOptions();
        var command = new Command("cancel", "Cancel a cluster sweep: workers skip its remaining shards; what is done is kept") { id };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var sweepId = parse.GetRequiredValue(id);
            await using var session = await ClusterSession.OpenAsync(cluster.Read(parse), TimeSpan.FromSeconds(10), cancellation);
            var before = await session.Sweeps.CancelAsync(sweepId, cancellation);
            await writer.WriteLineAsync(before switch
            {
                SweepStates.Running => $"cancelled {sweepId}; no more shards are dispatched (life-sweep resume {sweepId} continues it)",
                SweepStates.Completed => $"sweep {sweepId} is already complete; nothing to cancel",
                _ => $"sweep {sweepId} was already {before}",
            });
            return CliApplication.Success;
        });
        return command;
    }
}
