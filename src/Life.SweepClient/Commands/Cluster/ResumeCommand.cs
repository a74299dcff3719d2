using System.CommandLine;
using System.Globalization;

namespace Life.SweepClient.Commands.Cluster;

/// <summary><c>life-sweep resume ID</c>: starts the sweep again (after a full cluster stop, a killed submit, a cancel, or shards in the error state).</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id (printed by submit)" };
        var cluster = new ClusterOptions();
        var command = new Command("resume", "Start a cluster sweep again (verifies recorded files; un-cancels; retries shards in the error state)") { id };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var sweepId = parse.GetRequiredValue(id);
            await using var session = await ClusterSession.OpenAsync(cluster.Read(parse), TimeSpan.FromMinutes(2), cancellation);
            var outcome = await session.Sweeps.ResumeAsync(sweepId, cancellation);
            if (outcome.AlreadyComplete)
            {
                await writer.WriteLineAsync($"sweep {sweepId} is complete; nothing to resume");
                return CliApplication.Success;
            }

            var notes = (outcome.WasCancelled ? ", no longer cancelled" : string.Empty)
                + (outcome.ErrorsReset > 0 ? string.Create(CultureInfo.InvariantCulture, $", {outcome.ErrorsReset} shard(s) taken out of the error state") : string.Empty);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"resumed {sweepId}: {outcome.Pending:N0} shard(s) to do{notes}"));
            return CliApplication.Success;
        });
        return command;
    }
}
