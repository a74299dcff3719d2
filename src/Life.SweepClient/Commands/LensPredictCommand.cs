using System.CommandLine;
using System.Globalization;
using Life.Engine.Lens;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Inputs;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep lens predict --profile P.json --batch B --input N --output M [--json]</c>: TTFT, TPOT, E2E from a bucket profile.</summary>
internal static class LensPredictCommand
{
    public static Command Create()
    {
        var profileOption = new Option<string>("--profile") { Description = "Bucket profile JSON (from lens calibrate)", Required = true };
        var batch = new Option<int>("--batch") { Description = "Concurrent sequences (run in the smallest compiled batch that holds them)", DefaultValueFactory = _ => 1 };
        var input = new Option<int>("--input") { Description = "Prompt tokens per sequence", DefaultValueFactory = _ => 512 };
        var outputTokens = new Option<int>("--output") { Description = "Generated tokens per sequence", DefaultValueFactory = _ => 128 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("predict", "Predict TTFT, TPOT and end-to-end latency from a bucket profile (no extrapolation past the largest bucket).")
        {
            profileOption, batch, input, outputTokens, json,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(profileOption);
            var profile = EngineFiles.ReadProfile(path);
            var workload = new Workload(parse.GetValue(batch), parse.GetValue(input), parse.GetValue(outputTokens));
            workload.Validate();
            var prediction = profile.Predict(workload.Batch, workload.InputTokens, workload.OutputTokens);
            var metrics = prediction.ToMetrics(workload);
            var spans = profile.DecodeSpans(workload.Batch, workload.InputTokens, workload.OutputTokens);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                WriteJson(output, profile, workload, prediction, metrics, spans);
            }
            else
            {
                WriteText(output, profile, path, workload, prediction, metrics, spans);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, BucketProfile profile, in Workload w, LatencyPrediction p, Metrics m, IReadOnlyList<DecodeSpan> spans)
    {
        var (batch, input, outputTokens) = (w.Batch, w.InputTokens, w.OutputTokens);
        LensJson.Write(output, json =>
        {
            json.WriteString("device", profile.Device);
            if (profile.Model is not null)
            {
                json.WriteString("model", profile.Model);
            }

            json.WriteNumber("batch", batch);
            json.WriteNumber("compiled_batch", p.CompiledBatch);
            json.WriteNumber("input_tokens", input);
            json.WriteNumber("output_tokens", outputTokens);
            json.WriteNumber("prefill_bucket", p.PrefillBucket);
            json.WriteNumber("ttft_ms", p.TtftMs);
            LensJson.Number(json, "tpot_ms", p.TpotMs);
            json.WriteNumber("e2e_ms", p.E2eMs);
            LensJson.Number(json, "per_user_tps", m.PerUserTps);
            json.WriteNumber("throughput_tps", m.ThroughputTps);
            json.WriteNumber("prefill_tps", m.PrefillTps);
            LensJson.Number(json, "decode_tps", m.DecodeTps);
            json.WriteStartArray("decode_buckets");
            foreach (var span in spans)
            {
                json.WriteStartObject();
                json.WriteNumber("bucket", span.Bucket);
                json.WriteNumber("steps", span.Steps);
                json.WriteNumber("step_ms", span.StepMs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private static void WriteText(TextWriter output, BucketProfile profile, string path, in Workload w, LatencyPrediction p, Metrics m, IReadOnlyList<DecodeSpan> spans)
    {
        var c = CultureInfo.InvariantCulture;
        var compiled = p.CompiledBatch > 0 ? string.Create(c, $" (compiled batch {p.CompiledBatch})") : string.Empty;
        output.WriteLine(string.Create(c, $"{profile.Device} ({path}): batch {w.Batch}{compiled}, {w.InputTokens} tokens in, {w.OutputTokens} out"));
        var decode = spans.Count == 0 ? "no decode steps" : string.Join(", ", spans.Select(s => string.Create(c, $"{s.Steps} steps in {s.Bucket}")));
        output.WriteLine(string.Create(c, $"  prefill padded to bucket {p.PrefillBucket}; decode: {decode}"));
        output.WriteLine();
        Row(output, "TTFT", p.TtftMs, "ms");
        Row(output, "TPOT", p.TpotMs, "ms");
        Row(output, "end to end", p.E2eMs, "ms");
        Row(output, "per-user speed", m.PerUserTps, "tokens/s");
        Row(output, "throughput", m.ThroughputTps, "tokens/s");
    }

    private static void Row(TextWriter output, string label, double value, string unit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-16}{(double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-"),12}  {unit}"));
}
