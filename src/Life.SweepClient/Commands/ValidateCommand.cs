using System.CommandLine;
using Life.Engine;
using Life.Engine.Calibration;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Engine.Validation;
using Life.Sweep.Inputs;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep validate MEASUREMENTS.csv...</c>: predicted against measured, error statistics.</summary>
internal static class ValidateCommand
{
    public static Command Create(CatalogReferences references)
    {
        var files = new Argument<string[]>("measurements") { Description = "Measurements CSV file(s) (interfaces.md format)", Arity = ArgumentArity.OneOrMore };
        var efficiency = new Option<string?>("--efficiency") { Description = "Calibration profile from `calibrate` (per-device efficiencies)" };
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON" };
        var report = new Option<string?>("--report") { Description = "Write one row per measurement (inputs, layout, predicted, measured, error, fits, or why it was not forecast): CSV, or JSON for a .json path" };
        var baseline = new Option<string?>("--baseline") { Description = "Also report a baseline method side by side: life (whole-model roofline, one 50% efficiency)" };
        baseline.AcceptOnlyFromAmong("life");
        var twoPoint = new Option<bool>("--two-point") { Description = "Per (device, framework, model): calibrate on two rows, validate on the others" };
        var leaveOneFileOut = new Option<bool>("--leave-one-file-out") { Description = "Predict each file with defaults refitted on the other files (how the defaults do on unseen sources)" };
        var command = new Command("validate", "Predict every measurement as predict would (tp/pp/ep layout on the node topology, KV capacity and waves) and report the error: per metric, overall, per file and for multi-device and batch ≥ 64 rows; rows whose model does not fit are reported apart, invalid layouts and unpredictable rows skipped with reasons.")
        {
            files, efficiency, json, report, baseline, twoPoint, leaveOneFileOut,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var heldOut = parse.GetValue(leaveOneFileOut);
            if (heldOut && (parse.GetValue(twoPoint) || parse.GetValue(efficiency) is not null))
            {
                throw new EngineInputException("--leave-one-file-out refits the defaults itself; it cannot be combined with --two-point or --efficiency");
            }

            var measurements = parse.GetRequiredValue(files).SelectMany(EngineFiles.ReadMeasurements).ToList();
            var profile = parse.GetValue(efficiency) is { } path ? EngineFiles.ReadCalibrationProfile(path) : null;
            var defaults = references.Defaults;
            var (prepared, skipped) = new MeasurementResolver(references.Catalog, defaults, profile, references.ReadHardwareFile).Resolve(measurements);
            var result = heldOut ? LeaveOneFileOutCheck.Run(prepared, skipped)
                : parse.GetValue(twoPoint) ? TwoPointCheck.Run(prepared, defaults)
                : Validator.Run(prepared, skipped, defaults, RooflineMode.PerOperator);
            ValidationResult? life = null;
            if (parse.GetValue(baseline) == "life")
            {
                life = Validator.Run(prepared.Select(LifeMethod).ToList(), skipped, EfficiencyDefaults.BuiltIn, RooflineMode.WholeModel);
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                if (reportPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    ValidationReportJson.Write(reportPath, result);
                }
                else
                {
                    ValidationReportCsv.Write(reportPath, result);
                }
            }

            if (parse.GetValue(json))
            {
                ValidationJson.Write(output, result, life);
            }
            else
            {
                ValidationText.Write(output, result, life);
            }

            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>
    /// LIFE's own method, the bar to beat (life-model.md §1): spec-sheet peaks, one 50% efficiency for
    /// compute and memory, no dispatch cost, the whole-model roofline and LIFE's counting; activations
    /// cross devices at link bandwidth with no latency, not on the node topology.
    /// </summary>
    private static PreparedMeasurement LifeMethod(PreparedMeasurement p) => p with
    {
        Hardware = p.RawHardware with { ComputeEfficiency = 0.5, MemoryEfficiency = 0.5, DispatchOverheadUs = 0, HalfEfficiencyTokens = 0 },
        Optimizations = p.Optimizations with { Counting = CountingConvention.Life, Fusion = FusionLevel.Eager, KvCache = KvCacheMode.Concat, ChunkSize = 0 },
        Deployment = p.Deployment with { CollectiveLatencyUs = 0, PipelineChunks = 0, UsesTopology = false },
    };
}
