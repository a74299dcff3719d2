using System.CommandLine;
using Life.Engine;
using Life.Sweep.Datasets;
using Life.Sweep.Pareto;
using Life.Sweep.Specs;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep pareto DIR [--objectives LIST] [--where EXPR] [--out FILE.parquet] [--top N] [--json] [--all-rows]</c>:
/// the Pareto front of a dataset for any objectives and a SQL filter; DuckDB reads the Parquet files,
/// the front is computed as the sweep computes its own.
/// </summary>
internal static class ParetoCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Dataset directory written by `run` or `submit` (results/*.parquet)" };
        var objectives = new Option<string>("--objectives") { Description = "Comma-separated min:METRIC / max:METRIC (default: the spec's objectives)" };
        var where = new Option<string>("--where") { Description = "Row filter: a DuckDB SQL boolean expression over the result columns, e.g. \"fits AND ttft_ms < 2000 AND hardware = 'h100-sxm'\"" };
        var output = new Option<string>("--out", "-o") { Description = "Also write the front rows (every column, by config_id) to this Parquet file" };
        var top = new Option<int?>("--top") { Description = "Front rows to print, best first on the first objective (default: 10; with --json, all)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var allRows = new Option<bool>("--all-rows") { Description = "Also consider rows that fail the spec's constraints (default: only rows with meets_constraints, like pareto.parquet)" };
        var command = new Command("pareto", "Pareto front of a finished dataset, for any objectives and an optional row filter.")
        {
            directory, objectives, where, output, top, json, allRows,
        };
        command.SetAction((parse, cancellation) =>
        {
            var request = new ParetoRequest(
                parse.GetRequiredValue(directory), parse.GetValue(objectives), parse.GetValue(where), parse.GetValue(output),
                parse.GetValue(top), parse.GetValue(json), parse.GetValue(allRows));
            Run(request, parse.InvocationConfiguration.Output, cancellation);
            return Task.FromResult(CliApplication.Success);
        });
        return command;
    }

    private static void Run(ParetoRequest request, TextWriter writer, CancellationToken cancellation)
    {
        if (request.Top is < 0)
        {
            throw new EngineInputException($"--top {request.Top} must be at least 0");
        }

        var parsedObjectives = request.Objectives is null ? null : ParseObjectives(request.Objectives);
        if (request.Where is { } text && string.IsNullOrWhiteSpace(text))
        {
            throw new EngineInputException("--where is empty: give a SQL boolean expression, such as \"batch >= 8\"");
        }

        using var dataset = SweepDataset.Open(request.Directory);
        var objectives = parsedObjectives ?? (dataset.SpecObjectives.Count > 0
            ? dataset.SpecObjectives
            : throw new EngineInputException($"the spec of '{request.Directory}' has no objectives: give --objectives, such as --objectives min:tpot_ms,max:throughput_tps"));
        var outPath = request.Out is null ? null : CheckOut(request.Out, dataset);

        var result = PrefixFilterErrors(() => DatasetPareto.Compute(dataset, objectives, request.Where, constrainedOnly: !request.AllRows, cancellation));
        if (outPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            var ids = Enumerable.Range(0, result.Front.Count).Select(result.Front[DatasetPareto.ConfigIdColumn].GetInt64).ToArray();
            DatasetPareto.WriteRows(dataset, ids, outPath, Metadata(dataset, result));
        }

        var view = new ParetoView(dataset, result, objectivesFromSpec: parsedObjectives is null, outPath);
        if (request.Json)
        {
            ParetoJson.Write(writer, view, request.Top ?? int.MaxValue);
        }
        else
        {
            view.Write(writer, request.Top ?? 10);
        }
    }

    /// <summary>Objectives as <c>min:tpot_ms,max:throughput_tps</c>: each must parse, no metric twice.</summary>
    private static Objective[] ParseObjectives(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            throw new EngineInputException("--objectives is empty: give min:METRIC or max:METRIC, such as min:tpot_ms");
        }

        var objectives = new List<Objective>();
        foreach (var item in items)
        {
            var objective = Objective.TryParse(item)
                ?? throw new EngineInputException($"--objectives: '{item}' is not min:METRIC or max:METRIC (metrics: {string.Join(", ", MetricColumns.All)})");
            if (objectives.Any(o => o.Column == objective.Column))
            {
                throw new EngineInputException($"--objectives: '{item}' names {MetricColumns.Name(objective.Column)} a second time");
            }

            objectives.Add(objective);
        }

        return [.. objectives];
    }

    /// <summary>Runs <paramref name="action"/>, prefixing DuckDB's rejection of the filter with the option it came from.</summary>
    private static T PrefixFilterErrors<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DatasetQueryException e)
        {
            throw new EngineInputException($"--where: {e.Message}", e);
        }
    }

    /// <summary>The output file's full path; it must not land among the dataset's results or replace one of its files.</summary>
    private static string CheckOut(string path, SweepDataset dataset)
    {
        var full = Path.GetFullPath(path);
        var results = Path.Combine(dataset.Directory, "results") + Path.DirectorySeparatorChar;
        if (full.StartsWith(results, StringComparison.Ordinal))
        {
            throw new EngineInputException($"--out '{path}' is inside the dataset's results directory, where it would become part of the dataset");
        }

        if (Path.GetDirectoryName(full) == dataset.Directory && Path.GetFileName(full) is "pareto.parquet" or "sweep.json" or "_SUCCESS" or "checkpoint.db")
        {
            throw new EngineInputException($"--out '{path}' would replace the dataset's own {Path.GetFileName(full)}; choose another file");
        }

        return Directory.Exists(full) ? throw new EngineInputException($"--out '{path}' is a directory; give a file name such as front.parquet") : full;
    }

    private static List<KeyValuePair<string, string>> Metadata(SweepDataset dataset, DatasetParetoResult result)
    {
        var metadata = new List<KeyValuePair<string, string>>(dataset.SweepMetadata)
        {
            new("life.pareto.objectives", string.Join(',', result.Objectives)),
            new("life.pareto.constrained_only", result.ConstrainedOnly ? "true" : "false"),
        };
        if (result.Where is { } where)
        {
            metadata.Add(new("life.pareto.where", where));
        }

        return metadata;
    }
}
