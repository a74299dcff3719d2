using System.CommandLine;
using Life.Grains.Embedded;
using Life.Sweep.Coordination;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep run SPEC --out DIR [--workers N]</c>: the whole sweep on this machine; rerunning resumes.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Sweep spec (YAML or JSON)" };
        var output = new Option<string>("--out", "-o") { Description = "Output directory (results/*.parquet, pareto.parquet, sweep.json)", Required = true };
        var workers = new Option<int>("--workers", "-w") { Description = "Shard workers in this process (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var allowHuge = new Option<bool>("--allow-huge") { Description = "Allow sweeps of more than 10^10 configurations" };
        var top = new Option<int>("--top") { Description = "Pareto rows to print", DefaultValueFactory = _ => 10 };
        var report = new Option<bool>("--report") { Description = "Also write the HTML report with plots (DIR/report.html), as `life-sweep report DIR` does" };
        var command = new Command("run", "Run a whole sweep on this machine: in-process workers, SQLite checkpoints, a Parquet dataset. Rerun to resume.")
        {
            spec, output, workers, allowHuge, top, report,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(workers) < 1)
            {
                throw new Life.Engine.EngineInputException($"--workers {parse.GetValue(workers)} must be at least 1");
            }

            var request = new SweepRunRequest(parse.GetRequiredValue(spec), parse.GetRequiredValue(output), parse.GetValue(workers), parse.GetValue(allowHuge));
            var summary = await SweepProgressView.RunAsync(writer, observer => EmbeddedSweepRunner.RunAsync(request, observer, cancellation));
            SweepSummaryView.Write(writer, summary, parse.GetValue(top));
            if (parse.GetValue(report))
            {
                ReportCommand.Write(writer, Life.Reports.ReportBuilder.Build(new Life.Reports.ReportRequest(summary.OutputDirectory), cancellation));
            }

            return CliApplication.Success;
        });
        return command;
    }
}
