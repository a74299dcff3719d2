using System.CommandLine;
using Life.Engine;
using Life.Sweep.Datasets;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep query DIR "SELECT ..." [--csv|--json]</c>: SQL over a dataset with DuckDB in
/// process, nothing else installed. The views are <c>results</c> (every result row) and, once the
/// sweep has finished, <c>pareto</c> (pareto.parquet).
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Dataset directory written by `run` or `submit`" };
        var sql = new Argument<string>("sql") { Description = "A DuckDB SQL query over the views results and pareto, e.g. \"SELECT hardware, min(tpot_ms) FROM results GROUP BY ALL\"" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV (a header, then one line per row) instead of a table" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of row objects instead of a table" };
        var command = new Command("query", "SQL over a dataset's results (DuckDB, in process): the views are results and pareto.")
        {
            directory, sql, csv, json,
        };
        command.SetAction((parse, cancellation) =>
        {
            if (parse.GetValue(csv) && parse.GetValue(json))
            {
                throw new EngineInputException("--csv and --json: give one of them, not both");
            }

            Run(parse.GetRequiredValue(directory), parse.GetRequiredValue(sql), parse.GetValue(csv) ? QueryFormat.Csv : parse.GetValue(json) ? QueryFormat.Json : QueryFormat.Table,
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation);
            return Task.FromResult(CliApplication.Success);
        });
        return command;
    }

    private static void Run(string directory, string sql, QueryFormat format, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new EngineInputException("the query is empty: give a SQL statement, such as \"SELECT count(*) FROM results\"");
        }

        using var dataset = SweepDataset.Open(directory);
        if (!dataset.IsComplete)
        {
            error.WriteLine($"note: '{directory}' has no _SUCCESS file: the sweep is not finished, so results holds only the shards written so far and there is no pareto view");
        }

        try
        {
            dataset.Read(sql, reader => QueryOutput.Write(reader, format, output, cancellation), streaming: format != QueryFormat.Table);
        }
        catch (DatasetQueryException e)
        {
            throw new EngineInputException($"query: {e.Message}", e);
        }
    }
}
