using System.CommandLine;
using System.Globalization;
using Life.Engine.Lens;
using Life.Sweep.Inputs;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep lens calibrate BUCKETS.csv --buckets L1,L2,... -o PROFILE.json</c>: two runs per bucket → P(b), D(k).</summary>
internal static class LensCalibrateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("BUCKETS.csv") { Description = "Runs: batch,input_tokens,output_tokens,e2e_ms[,bucket] or the measurements CSV layout" };
        var buckets = new LensBucketOptions();
        var output = new Option<string>("--out", "-o") { Description = "Profile JSON to write", Required = true };
        var device = new Option<string?>("--device") { Description = "Device name in the profile (default: the file's hardware column, or its name)" };
        var model = new Option<string?>("--model") { Description = "Model the buckets were compiled for (recorded in the profile)" };
        var command = new Command("calibrate", "Build a bucket profile: P(b) from runs with output 1, D(k) from runs with output m > 1.") { file };
        buckets.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(device);
        command.Options.Add(model);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(file);
            var data = EngineFiles.ReadBucketRuns(path);
            var name = parse.GetValue(device) ?? data.Hardware ?? Path.GetFileNameWithoutExtension(path);
            var profile = BucketCalibrator.Calibrate(data.Rows, buckets.Read(parse, data), name, path, parse.GetValue(model));
            var target = parse.GetRequiredValue(output);
            EngineFiles.WriteProfile(profile, target);
            Report(parse.InvocationConfiguration.Output, profile, path, target);
            return CliApplication.Success;
        });
        return command;
    }

    private static void Report(TextWriter output, BucketProfile profile, string source, string target)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Calibrated {profile.Device} from {profile.Measurements.Length} runs in {source}"));
        output.WriteLine(string.Create(c, $"  {"prefill",-8}{"batch",6}{"bucket",8}{"P (ms)",14}{"runs",6}"));
        foreach (var b in profile.PrefillBuckets)
        {
            output.WriteLine(string.Create(c, $"  {string.Empty,-8}{b.Batch,6}{b.Length,8}{b.PrefillMs,14:0.###}{b.Runs,6}"));
        }

        output.WriteLine(string.Create(c, $"  {"decode",-8}{"batch",6}{"bucket",8}{"D (ms/step)",14}{"runs",6}"));
        foreach (var b in profile.DecodeBuckets)
        {
            output.WriteLine(string.Create(c, $"  {string.Empty,-8}{b.Batch,6}{b.Length,8}{b.StepMs,14:0.####}{b.Runs,6}"));
        }

        output.WriteLine($"Wrote {target}");
    }
}
