using System.CommandLine;
using System.Globalization;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands.Cluster;

/// <summary><c>life-sweep resume ID</c>: re-publishes the shards not done (after a broker loss, a full cluster stop, a killed submit, or a cancel).</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id (printed by submit)" };
        var cluster = new ClusterOptions();
        var command = new Command("resume", "Re-publish a cluster sweep's shards that are not done (verifies recorded files; un-cancels; retries shards in the error state)") { id };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var sweepId = parse.GetRequiredValue(id);
            await using var session = await ClusterSession.OpenAsync(cluster.Read(parse), TimeSpan.FromMinutes(2), cancellation);
            var outcome = await session.Sweeps.ResumeAsync(sweepId, new MessageObserver(writer), cancellation);
            if (outcome.AlreadyComplete)
            {
                await writer.WriteLineAsync($"sweep {sweepId} is complete; nothing to resume");
                return CliApplication.Success;
            }

            var notes = (outcome.WasCancelled ? ", no longer cancelled" : string.Empty)
                + (outcome.ErrorsReset > 0 ? string.Create(CultureInfo.InvariantCulture, $", {outcome.ErrorsReset} shard(s) taken out of the error state") : string.Empty);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"resumed {sweepId}: {outcome.Republished:N0} shard(s) published{notes}"));
            return CliApplication.Success;
        });
        return command;
    }
}
