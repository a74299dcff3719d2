using System.CommandLine;
using Life.Engine;
using Life.Engine.Catalog;
using Life.Sweep.Inputs;
using Life.SweepClient.Commands;

namespace Life.SweepClient;

/// <summary>
/// The <c>life-sweep</c> command line. Exit codes (interfaces.md): 0 success, 2 bad input with a
/// one-line message naming the file, field or value at fault, 1 any other failure. Never a stack trace.
/// </summary>
public static class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellation = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        // The composition root: one catalog under one set of efficiency defaults for the whole invocation.
        var references = new CatalogReferences(BuiltInCatalog.LoadShipped());
        var root = new RootCommand("LifeSweep: forecast LLM inference performance (TTFT, TPOT, throughput, memory, cost) across hardware, models and optimizations.")
        {
            PredictCommand.Create(references),
            SimulateCommand.Create(references),
            CapacityCommand.Create(references),
            CatalogCommand.Create(references.Catalog),
            RunCommand.Create(),
            ParetoCommand.Create(),
            ReportCommand.Create(),
            QueryCommand.Create(),
            LensCommand.Create(references),
            ValidateCommand.Create(references),
            CalibrateCommand.Create(references),
            Commands.Cluster.SubmitCommand.Create(),
            Commands.Cluster.StatusCommand.Create(),
            Commands.Cluster.WaitCommand.Create(),
            Commands.Cluster.ResumeCommand.Create(),
            Commands.Cluster.CancelCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"life-sweep: {OneLine(parsed.Errors[0].Message)} (see --help)");
            return BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (EngineInputException e)
        {
            await error.WriteLineAsync($"life-sweep: {OneLine(e.Message)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("life-sweep: cancelled");
            return Failure;
        }
#pragma warning disable CA1031 // The top level turns any failure into one line and exit code 1, by contract.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"life-sweep: error: {OneLine(e.Message)}");
            return Failure;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
