using System.CommandLine;

namespace Life.SweepClient;

/// <summary>The <c>life-sweep</c> command line: builds the command tree and runs it.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("LifeSweep: forecast LLM inference performance across hardware, models and optimizations.");
        return await root.Parse(args).InvokeAsync();
    }
}
