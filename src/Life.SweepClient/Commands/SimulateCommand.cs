using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Life.Engine;
using Life.Engine.Serving;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep simulate</c>: Poisson arrivals at --qps played through the continuous-batching
/// scheduler, one step at a time; prints TTFT/TPOT/E2E percentiles, goodput and queueing, next to
/// the steady-state model's answer for the same load.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(Life.Sweep.Inputs.CatalogReferences references)
    {
        var serving = new ServingOptions(references);
        var qps = new Option<double>("--qps") { Description = "Requests per second (Poisson arrivals)", Required = true };
        var requests = new Option<int>("--requests") { Description = "Requests to play", DefaultValueFactory = _ => 10000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the arrival process", DefaultValueFactory = _ => 1 };
        var sloTtft = new Option<double?>("--slo-ttft-ms") { Description = "Goodput: a request counts when its TTFT is at most this" };
        var sloTpot = new Option<double?>("--slo-tpot-ms") { Description = "Goodput: a request counts when its TPOT is at most this" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("simulate", "Serve a request rate through a vLLM-like scheduler: latency percentiles, goodput, queueing.");
        serving.AddTo(command);
        serving.AddDistributionsTo(command);
        serving.AddDisaggregationTo(command);
        foreach (var option in new Option[] { qps, requests, seed, sloTtft, sloTpot, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var replica = serving.Read(parse);
            var rate = parse.GetValue(qps);
            new ServingWorkload(rate, replica.InputTokens, replica.OutputTokens).Validate();
            var count = parse.GetValue(requests);
            if (count < 1)
            {
                throw new EngineInputException($"--requests = {count} must be at least 1");
            }

            var ttftSlo = parse.GetValue(sloTtft) ?? double.PositiveInfinity;
            var tpotSlo = parse.GetValue(sloTpot) ?? double.PositiveInfinity;
            var workload = ServingOptions.ReadWorkload(replica, rate);
            var disaggregated = serving.ReadDisaggregation(parse, replica);
            var simulated = disaggregated is { } d
                ? DisaggregatedSimulator.Run(d.Pools, workload, count, parse.GetValue(seed), ttftSlo, tpotSlo)
                : replica.Simulate(workload, count, parse.GetValue(seed), ttftSlo, tpotSlo);
            var model = disaggregated is { } pools ? pools.Pools.At(rate) : replica.SteadyState(rate);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                WriteJson(output, replica, rate, count, simulated, model, parse.GetValue(serving.InputDist) ?? "fixed", parse.GetValue(serving.OutputDist) ?? "fixed", disaggregated);
            }
            else
            {
                WriteText(output, replica, rate, count, simulated, model, disaggregated);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, ServingReplica replica, double qps, int requests, in ServingMetrics simulated, in ServingMetrics model, string inputDist, string outputDist, DisaggregatedDeployment? disaggregated)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("hardware", replica.Hardware.Id);
            json.WriteString("model", replica.Model.Id);
            json.WriteNumber("devices", replica.Deployment.Devices);
            json.WriteNumber("qps", qps);
            json.WriteNumber("requests", requests);
            json.WriteNumber("input_tokens", replica.InputTokens);
            json.WriteNumber("output_tokens", replica.OutputTokens);
            json.WriteString("input_dist", inputDist);
            json.WriteString("output_dist", outputDist);
            if (disaggregated is { } d)
            {
                json.WriteString("decode_hardware", d.Decode.Hardware.Id);
                json.WriteNumber("prefill_replicas", d.Pools.PrefillReplicas);
                json.WriteNumber("decode_replicas", d.Pools.DecodeReplicas);
                json.WriteNumber("kv_transfer_ms", d.Pools.TransferSeconds * 1e3);
            }

            json.WriteNumber("max_concurrency", replica.MaxConcurrency);
            json.WriteNumber("tokens_per_step", replica.Cost.TokensPerStep);
            ServingJson.WriteMetrics(json, simulated);
            json.WritePropertyName("steady_state");
            json.WriteStartObject();
            ServingJson.WriteMetrics(json, model);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteText(TextWriter output, ServingReplica replica, double qps, int requests, in ServingMetrics s, in ServingMetrics m, DisaggregatedDeployment? disaggregated)
    {
        var c = CultureInfo.InvariantCulture;
        if (disaggregated is { } d)
        {
            output.WriteLine(string.Create(c, $"disaggregated: {d.Pools.PrefillReplicas} prefill × {d.Prefill.Deployment.Devices} {d.Prefill.Hardware.Id} + {d.Pools.DecodeReplicas} decode × {d.Decode.Deployment.Devices} {d.Decode.Hardware.Id}, KV transfer {d.Pools.TransferSeconds * 1e3:F2} ms per request"));
        }

        output.WriteLine(string.Create(c, $"{replica.Model.Id} on {replica.Deployment.Devices} × {replica.Hardware.Id}: {qps} requests/s, {replica.InputTokens} tokens in, {replica.OutputTokens} out, {requests} requests; KV holds {replica.MaxConcurrency} sequences"));
        output.WriteLine(s.Saturated ? "  SATURATED: the rate exceeds what this replica sustains; the queue grows for as long as requests come" : "  not saturated");
        output.WriteLine("                 simulated P50 / P90 / P99          steady-state P50 / P99");
        Row(output, "TTFT ms", s.TtftP50Ms, s.TtftP90Ms, s.TtftP99Ms, m.TtftP50Ms, m.TtftP99Ms);
        Row(output, "TPOT ms", s.TpotP50Ms, s.TpotP90Ms, s.TpotP99Ms, m.TpotP50Ms, m.TpotP99Ms);
        Row(output, "E2E ms", s.E2eP50Ms, s.E2eP90Ms, s.E2eP99Ms, m.E2eP50Ms, m.E2eP99Ms);
        output.WriteLine(string.Create(c, $"  mean batch {s.MeanBatch:F1}, mean queue {s.MeanQueueMs:F1} ms, step {s.StepMs:F2} ms, {s.OutputTps:F0} output tokens/s, goodput {s.GoodputRps:F2} requests/s"));
    }

    private static void Row(TextWriter output, string label, double p50, double p90, double p99, double m50, double m99) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-10}{p50,12:F2}{p90,12:F2}{p99,12:F2}      {m50,12:F2}{m99,12:F2}"));
}
