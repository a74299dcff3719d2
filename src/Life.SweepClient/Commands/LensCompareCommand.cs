using System.CommandLine;
using Life.Engine;
using Life.Engine.Catalog;
using Life.Engine.Lens;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Sweep.Inputs;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep lens compare BUCKETS.csv TEST.csv</c>: LENS, the smooth linear fit and (with specs and a
/// model) the roofline, all calibrated or configured without the test runs, scored on them side by side.
/// </summary>
internal static class LensCompareCommand
{
    public static Command Create(CatalogReferences references)
    {
        var calibration = new Argument<string>("BUCKETS.csv") { Description = "Calibration runs (two per bucket)" };
        var test = new Argument<string>("TEST.csv") { Description = "Held-out runs to score every method on" };
        var buckets = new LensBucketOptions();
        var device = new Option<string?>("--device") { Description = "Device name (default: the hardware column, or the file name)" };
        var hardware = new Option<string?>("--hardware") { Description = "Roofline baseline: catalog hardware id or hardware JSON file" };
        var tflops = new Option<double?>("--tflops") { Description = "Roofline baseline: dense FP16/BF16 TFLOPS (with --bandwidth-gbs)" };
        var bandwidth = new Option<double?>("--bandwidth-gbs") { Description = "Roofline baseline: memory bandwidth in GB/s" };
        var model = new Option<string?>("--model") { Description = "Roofline baseline: catalog model id or config.json" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (statistics and every row) instead of a table" };
        var command = new Command("compare", "Score LENS against a smooth linear fit and the spec-sheet roofline on held-out runs.")
        {
            calibration, test,
        };
        buckets.AddTo(command);
        foreach (var option in new Option[] { device, hardware, tflops, bandwidth, model, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var calibrationPath = parse.GetRequiredValue(calibration);
            var data = EngineFiles.ReadBucketRuns(calibrationPath);
            var testData = EngineFiles.ReadBucketRuns(parse.GetRequiredValue(test));
            var name = parse.GetValue(device) ?? data.Hardware ?? Path.GetFileNameWithoutExtension(calibrationPath);
            var roofline = Roofline(references, parse.GetValue(hardware), parse.GetValue(tflops), parse.GetValue(bandwidth), parse.GetValue(model));
            var comparison = LensComparison.Run(data, testData, buckets.Read(parse, data), name, roofline);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                LensCompareReport.WriteJson(output, comparison, data, testData);
            }
            else
            {
                LensCompareReport.WriteText(output, comparison, data, testData);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static (OperatorTable, HardwareSpec)? Roofline(CatalogReferences references, string? hardware, double? tflops, double? bandwidth, string? model)
    {
        var inline = tflops is not null || bandwidth is not null;
        if (hardware is null && !inline)
        {
            return model is null ? null : throw new EngineInputException("--model is for the roofline baseline: give --hardware or --tflops/--bandwidth-gbs too");
        }

        if (hardware is not null && inline)
        {
            throw new EngineInputException("give either --hardware or inline --tflops/--bandwidth-gbs, not both");
        }

        if (model is null)
        {
            throw new EngineInputException("the roofline baseline needs --model as well as the hardware specs");
        }

        HardwareSpec spec;
        if (hardware is not null)
        {
            spec = references.ResolveHardware(hardware);
        }
        else
        {
            spec = tflops is not null && bandwidth is not null
                ? new HardwareSpec { Id = "inline", Name = "inline", DeviceClass = DeviceClass.Npu, Fp16Tflops = tflops.Value, BandwidthGBs = bandwidth.Value, MemoryGB = 1e6 }
                : throw new EngineInputException("inline hardware needs both --tflops and --bandwidth-gbs");
            spec.Validate();
        }

        return (OperatorTable.Build(references.ResolveModel(model), new Optimizations(), references.Defaults), spec);
    }
}
