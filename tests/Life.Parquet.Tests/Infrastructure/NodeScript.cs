using System.Diagnostics;
using System.Text.Json;

namespace Life.Parquet.Tests.Infrastructure;

/// <summary>
/// Runs the reader scripts in tests/tools/parquet-readers with node and parses their JSON. A
/// missing node or node_modules is a test failure with the command that fixes it, never a skip.
/// </summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static JsonElement Run(string script, params IEnumerable<string> arguments)
    {
        var tools = RepositoryPaths.ReaderTools;
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@duckdb", "node-api"))
            || !Directory.Exists(Path.Combine(tools, "node_modules", "hyparquet")))
        {
            throw new InvalidOperationException(
                $"The Parquet reader tools are not installed in {tools}/node_modules. "
                + "Run `bash eng/test-setup.d/20-npm-parquet-readers.sh` (bash eng/test.sh runs it for you).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(tools, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("`node` (Node.js 20+) is needed on PATH to run the Parquet reader tests.", error);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish within {Timeout}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {script} failed with exit code {process.ExitCode}:\n{errors.Result}");
            }

            using var document = JsonDocument.Parse(output.Result);
            return document.RootElement.Clone();
        }
    }
}
