using System.CommandLine;
using Life.Sweep.Inputs;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep lens calibrate|predict|compare</c>: the bucket-aware NPU latency model (lens-model.md).</summary>
internal static class LensCommand
{
    public static Command Create(CatalogReferences references)
    {
        var command = new Command("lens", "Bucket-aware latency model for NPUs that pad inputs to compiled buckets (LENS).");
        command.Subcommands.Add(LensCalibrateCommand.Create());
        command.Subcommands.Add(LensPredictCommand.Create());
        command.Subcommands.Add(LensCompareCommand.Create(references));
        return command;
    }
}
