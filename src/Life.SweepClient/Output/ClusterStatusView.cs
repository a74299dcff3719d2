using Life.Checkpoints;
using System.Globalization;
using Life.Sweep.Checkpoints;

namespace Life.SweepClient.Output;

/// <summary>What <c>status</c> prints: one block of plain lines, easy to read and to grep.</summary>
internal static class ClusterStatusView
{
    /// <summary>A worker that reported within this long is shown as live.</summary>
    private static readonly TimeSpan Live = TimeSpan.FromMinutes(1);

    public static void Write(TextWriter output, SweepStatus status)
    {
        var c = CultureInfo.InvariantCulture;
        var identity = status.Identity;
        var percent = identity.TotalConfigs == 0 ? 100 : 100.0 * status.RowsDone / identity.TotalConfigs;
        output.WriteLine(string.Create(c, $"sweep:   {identity.Id} ({identity.Name}), {status.State}"));
        output.WriteLine(string.Create(c, $"shards:  {status.ShardsDone:N0}/{identity.ShardCount:N0} done, {status.ShardsRunning:N0} running, {status.Errors.Count:N0} in error"));
        output.WriteLine(string.Create(c, $"rows:    {status.RowsDone:N0}/{identity.TotalConfigs:N0} configurations ({percent:F1}%)"));
        var eta = status.Remaining is { } left ? string.Create(c, $", ETA {left:hh\\:mm\\:ss}") : string.Empty;
        output.WriteLine(string.Create(c, $"rate:    {status.ConfigsPerSecond:N0} configurations/s{eta}"));
        output.WriteLine($"output:  {identity.OutputDirectory}");
        output.WriteLine(string.Create(c, $"workers: {status.Workers.Count} seen"));
        foreach (var worker in status.Workers)
        {
            var live = worker.LastSeen is { } seen && status.Now - seen < Live
                ? string.Create(c, $"live (heartbeat {(status.Now - seen).TotalSeconds:F0} s ago)")
                : "not reporting";
            output.WriteLine(string.Create(c, $"  {worker.Name}: {worker.Shards:N0} shards, {worker.Rows:N0} rows, last completion {(status.Now - worker.LastFinished).TotalSeconds:F0} s ago, {live}"));
        }

        if (status.Errors.Count > 0)
        {
            output.WriteLine(string.Create(c, $"errors:  {status.Errors.Count} shard(s) failed {status.Errors[0].Attempts}+ times (life-sweep resume {identity.Id} retries them)"));
            foreach (var error in status.Errors.Take(PostgresCheckpointStore.ErrorsShown))
            {
                output.WriteLine(string.Create(c, $"  shard {error.Shard} ({error.Attempts} attempts): {error.Error}"));
            }
        }
    }
}
