using System.CommandLine;
using System.Globalization;
using Life.Engine;
using Life.Engine.Calibration;
using Life.Engine.Timing;
using Life.Engine.Validation;
using Life.Sweep.Inputs;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep calibrate MEASUREMENTS.csv -o PROFILE.json</c>: per-device efficiencies fitted to
/// measurements. With <c>--defaults</c>, refits the engine's shipped default efficiencies instead
/// (device groups, frameworks, weight formats) and writes data/efficiency/defaults.json.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(CatalogReferences references)
    {
        var files = new Argument<string[]>("measurements") { Description = "Measurements CSV file(s)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Profile (or defaults) JSON to write", Required = true };
        var defaults = new Option<bool>("--defaults") { Description = "Refit the shipped defaults (maintainers): device groups, frameworks, weight formats" };
        var command = new Command("calibrate", "Fit compute efficiency, memory efficiency and per-kernel overhead per device from measurements.")
        {
            files, output, defaults,
        };
        command.SetAction(parse =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var paths = parse.GetRequiredValue(files);
            var measurements = paths.SelectMany(EngineFiles.ReadMeasurements).ToList();
            var (prepared, skipped) = new MeasurementResolver(references.Catalog, references.Defaults, readHardwareFile: references.ReadHardwareFile).Resolve(measurements);
            if (prepared.Count == 0)
            {
                throw new EngineInputException($"no measurement could be predicted ({skipped.Count} skipped, e.g. {skipped.FirstOrDefault()?.Reason ?? "empty file"}); nothing to calibrate");
            }

            var target = Path.GetFullPath(parse.GetRequiredValue(output));
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                throw new EngineInputException($"--out '{target}': directory '{Path.GetDirectoryName(target)}' does not exist");
            }

            var text = parse.GetValue(defaults) ? FitDefaults(writer, prepared, paths) : FitDevices(writer, prepared, references.Defaults);
            var temporary = target + ".tmp";
            File.WriteAllText(temporary, text + Environment.NewLine);
            File.Move(temporary, target, overwrite: true);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target} ({prepared.Count} rows used, {skipped.Count} skipped)"));
            return CliApplication.Success;
        });
        return command;
    }

    private static string FitDevices(TextWriter writer, IReadOnlyList<PreparedMeasurement> prepared, EfficiencyDefaults defaults)
    {
        var profile = DeviceCalibrator.Calibrate(prepared, defaults);
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"{"hardware",-24}{"framework",-14}{"rows",6}{"compute",9}{"memory",8}{"dispatch µs",13}{"APE before",12}{"after",8}"));
        foreach (var d in profile.Devices)
        {
            writer.WriteLine(string.Create(c, $"{d.Hardware,-24}{d.Framework,-14}{d.Rows,6}{d.ComputeEfficiency,9:F3}{d.MemoryEfficiency,8:F3}{d.DispatchUs,13:F2}{d.MedianApeBefore,11:F1}%{d.MedianApeAfter,7:F1}%"));
        }

        return profile.ToJson();
    }

    private static string FitDefaults(TextWriter writer, IReadOnlyList<PreparedMeasurement> prepared, IReadOnlyList<string> paths)
    {
        var fitter = DefaultsFitter.FromScratch(prepared);
        var fitted = fitter.Fit();
        var medians = new List<(string, double, double)>();
        foreach (var file in prepared.GroupBy(r => Path.GetFileName(r.Measurement.File)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var before = Validator.Run([.. file.Select(r => MeasurementResolver.Reapply(r, fitter.Start))], [], fitter.Start, RooflineMode.PerOperator);
            var after = Validator.Run([.. file.Select(r => MeasurementResolver.Reapply(r, fitted))], [], fitted, RooflineMode.PerOperator);
            foreach (var (metric, stats) in after.Metrics)
            {
                medians.Add(($"{file.Key}:{metric}", before.Metrics[metric].MedianApe, stats.MedianApe));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Key,-45} {metric,-15} median APE {before.Metrics[metric].MedianApe,6:F1}% -> {stats.MedianApe,5:F1}%"));
            }
        }

        var report = new DefaultsFitReport(fitter.Loss(fitter.Start), fitter.Loss(fitted), medians);
        return EfficiencyDefaultsWriter.Write(fitted, prepared, [.. paths.Select(p => Path.GetRelativePath(Environment.CurrentDirectory, p))], report);
    }
}
