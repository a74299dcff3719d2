using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Life.Engine;
using Life.Engine.Serving;
using Life.SweepClient.Output;

namespace Life.SweepClient.Commands;

/// <summary>
/// <c>life-sweep capacity</c>: the highest request rate one replica serves within P99 SLOs (steady-state
/// model, checked by a simulation at that rate), and with --target-qps the replicas, devices and cost
/// that rate needs.
/// </summary>
internal static class CapacityCommand
{
    public static Command Create(Life.Sweep.Inputs.CatalogReferences references)
    {
        var serving = new ServingOptions(references);
        var sloTtft = new Option<double?>("--slo-ttft-p99-ms") { Description = "P99 time to first token must be at most this" };
        var sloTpot = new Option<double?>("--slo-tpot-p99-ms") { Description = "P99 time per output token must be at most this" };
        var target = new Option<double?>("--target-qps") { Description = "Requests per second to serve: replicas and cost needed" };
        var requests = new Option<int>("--requests") { Description = "Requests of the checking simulation at the rate found (0: none)", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("capacity", "Highest request rate per replica within P99 SLOs; replicas and cost for a target rate.");
        serving.AddTo(command);
        serving.AddDistributionsTo(command);
        serving.AddDisaggregationTo(command);
        foreach (var option in new Option[] { sloTtft, sloTpot, target, requests, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var replica = serving.Read(parse);
            var ttftSlo = Positive(parse.GetValue(sloTtft), "--slo-ttft-p99-ms");
            var tpotSlo = Positive(parse.GetValue(sloTpot), "--slo-tpot-p99-ms");
            var targetQps = parse.GetValue(target);
            if (targetQps is { } t && !(t > 0 && double.IsFinite(t)))
            {
                throw new EngineInputException(string.Create(CultureInfo.InvariantCulture, $"--target-qps = {t} must be a positive number"));
            }

            var output = parse.InvocationConfiguration.Output;
            if (serving.ReadDisaggregation(parse, replica) is { } disaggregated)
            {
                if (serving.HasSpread(parse))
                {
                    throw new EngineInputException("--input-dist/--output-dist: the disaggregated pools' model takes fixed lengths only (simulate draws them)");
                }

                WriteDisaggregated(output, parse.GetValue(json), disaggregated, ttftSlo, tpotSlo, targetQps, parse.GetValue(requests));
                return CliApplication.Success;
            }

            var steadyQps = CapacitySearch.MaxQps(replica.Cost, replica.Lengths, replica.Scheduler, replica.MaxConcurrency, ttftSlo, tpotSlo);
            var simulatedRequests = parse.GetValue(requests);
            var maxQps = steadyQps > 0 && simulatedRequests > 0 ? SimulatedMaxQps(replica, steadyQps, simulatedRequests, ttftSlo, tpotSlo) : steadyQps;
            var check = maxQps > 0 && simulatedRequests > 0
                ? replica.Simulate(maxQps, simulatedRequests, 1, ttftSlo, tpotSlo)
                : (ServingMetrics?)null;
            var plan = CapacityPlan.For(replica, maxQps, targetQps) with { SteadyStateMaxQps = steadyQps };
            if (parse.GetValue(json))
            {
                WriteJson(output, replica, plan, check, parse.GetValue(serving.InputDist) ?? "fixed", parse.GetValue(serving.OutputDist) ?? "fixed");
            }
            else
            {
                WriteText(output, replica, plan, check, ttftSlo, tpotSlo);
            }

            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>
    /// The steady-state model's P99s run below the simulator's near saturation (its tails are
    /// approximations), so the answer is refined by bisecting simulations (fixed seed) around it.
    /// </summary>
    private static double SimulatedMaxQps(ServingReplica replica, double steadyQps, int requests, double ttftSlo, double tpotSlo)
    {
        double low = 0, high = steadyQps * 1.5;
        for (var i = 0; i < 14; i++)
        {
            var mid = (low + high) / 2;
            var m = replica.Simulate(mid, requests, 1, ttftSlo, tpotSlo);
            if (!m.Saturated && m.TtftP99Ms <= ttftSlo && m.TpotP99Ms <= tpotSlo)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>
    /// An xPyD deployment: the steady-state model of its pools finds the rate, one simulation of the
    /// pools at it checks it (not refined: the model's P99s are its own upper estimates of a
    /// prefill queue the simulator serves from one shared line); deployments, devices and cost are
    /// per whole deployment.
    /// </summary>
    private static void WriteDisaggregated(TextWriter output, bool asJson, DisaggregatedDeployment d, double ttftSlo, double tpotSlo, double? targetQps, int requests)
    {
        var pools = d.Pools;
        var guess = CapacitySearch.OneAtATime(pools.Decode, pools.InputTokens, pools.OutputTokens) * pools.DecodeReplicas;
        var maxQps = CapacitySearch.MaxQps(pools, guess, ttftSlo, tpotSlo);
        var plan = CapacityPlan.For(maxQps, targetQps, d.Devices, d.CostPerHour, pools.OutputTokens) with { SteadyStateMaxQps = maxQps };
        var at = maxQps > 0 ? pools.At(maxQps) : (ServingMetrics?)null;
        var check = maxQps > 0 && requests > 0
            ? DisaggregatedSimulator.Run(pools, new ServingWorkload(maxQps, pools.InputTokens, pools.OutputTokens), requests, 1, ttftSlo, tpotSlo)
            : (ServingMetrics?)null;
        if (asJson)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("hardware", d.Prefill.Hardware.Id);
                json.WriteString("decode_hardware", d.Decode.Hardware.Id);
                json.WriteString("model", d.Prefill.Model.Id);
                json.WriteNumber("tp", Math.Max(1, d.Prefill.Deployment.TensorParallel));
                json.WriteNumber("pp", Math.Max(1, d.Prefill.Deployment.PipelineParallel));
                json.WriteNumber("prefill_replicas", pools.PrefillReplicas);
                json.WriteNumber("decode_replicas", pools.DecodeReplicas);
                json.WriteNumber("devices_per_deployment", d.Devices);
                json.WriteNumber("decode_max_concurrency", pools.DecodeMaxConcurrency);
                json.WriteNumber("kv_transfer_ms", pools.TransferSeconds * 1e3);
                json.WriteNumber("tokens_per_step", pools.Decode.TokensPerStep);
                json.WriteNumber("max_qps_at_slo", plan.MaxQps);
                WritePlan(json, plan, "deployments");
                WriteMetricsAt(json, "steady_state_at_max_qps", at);
                WriteMetricsAt(json, "simulated_at_max_qps", check);

                json.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{d.Prefill.Model.Id}, {pools.PrefillReplicas} prefill × {d.Prefill.Deployment.Devices} {d.Prefill.Hardware.Id} + {pools.DecodeReplicas} decode × {d.Decode.Deployment.Devices} {d.Decode.Hardware.Id} per deployment, {pools.InputTokens} tokens in, {pools.OutputTokens} out; SLOs P99 TTFT ≤ {ttftSlo} ms, P99 TPOT ≤ {tpotSlo} ms"));
        output.WriteLine(string.Create(c, $"  KV transfer {pools.TransferSeconds * 1e3:F2} ms per request; decode replica holds {pools.DecodeMaxConcurrency} sequences"));
        output.WriteLine(maxQps > 0
            ? string.Create(c, $"  max rate within the SLOs: {maxQps:F2} requests/s per deployment (steady-state model of the pools)")
            : "  no rate meets the SLOs on this deployment (a request alone misses them)");
        if (at is { } s)
        {
            output.WriteLine(string.Create(c, $"  at that rate: P99 TTFT {s.TtftP99Ms:F1} ms, P99 TPOT {s.TpotP99Ms:F2} ms"));
        }

        if (check is { } sim)
        {
            output.WriteLine(string.Create(c, $"  simulated at that rate: P99 TTFT {sim.TtftP99Ms:F1} ms, P99 TPOT {sim.TpotP99Ms:F2} ms, goodput {sim.GoodputRps:F2} requests/s{(sim.Saturated ? " (SATURATED)" : string.Empty)}"));
        }

        if (double.IsFinite(plan.Replicas))
        {
            output.WriteLine(string.Create(c, $"  for {plan.TargetQps} requests/s: {plan.Replicas} deployments = {plan.Devices} devices, {plan.CostPerHour:F2} USD/hour, {plan.CostPerMillionOutputTokens:F3} USD per million output tokens"));
        }
    }

    private static double Positive(double? value, string name)
    {
        if (value is null)
        {
            return double.PositiveInfinity;
        }

        return value > 0 && double.IsFinite(value.Value)
            ? value.Value
            : throw new EngineInputException(string.Create(CultureInfo.InvariantCulture, $"{name} = {value} must be a positive number"));
    }

    private static void WriteJson(TextWriter output, ServingReplica replica, CapacityPlan plan, ServingMetrics? check, string inputDist, string outputDist)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("hardware", replica.Hardware.Id);
            json.WriteString("model", replica.Model.Id);
            json.WriteNumber("tp", Math.Max(1, replica.Deployment.TensorParallel));
            json.WriteNumber("pp", Math.Max(1, replica.Deployment.PipelineParallel));
            json.WriteNumber("devices_per_replica", replica.Deployment.Devices);
            json.WriteNumber("input_tokens", replica.InputTokens);
            json.WriteNumber("output_tokens", replica.OutputTokens);
            json.WriteString("input_dist", inputDist);
            json.WriteString("output_dist", outputDist);
            json.WriteNumber("max_concurrency", replica.MaxConcurrency);
            json.WriteNumber("tokens_per_step", replica.Cost.TokensPerStep);
            json.WriteNumber("max_qps_at_slo", plan.MaxQps);
            json.WriteNumber("max_qps_at_slo_steady_state", plan.SteadyStateMaxQps);
            WritePlan(json, plan, "replicas");
            WriteMetricsAt(json, "simulated_at_max_qps", check);

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // What a target rate needs: the count of whole deployments (replicas, or xPyD deployments) and their price.
    private static void WritePlan(Utf8JsonWriter json, CapacityPlan plan, string countName)
    {
        Nullable(json, "target_qps", plan.TargetQps);
        Nullable(json, countName, plan.Replicas);
        Nullable(json, "devices", plan.Devices);
        Nullable(json, "cost_per_hour", plan.CostPerHour);
        Nullable(json, "cost_per_m_output_tokens", plan.CostPerMillionOutputTokens);
    }

    private static void WriteMetricsAt(Utf8JsonWriter json, string name, ServingMetrics? metrics)
    {
        if (metrics is { } m)
        {
            json.WritePropertyName(name);
            json.WriteStartObject();
            ServingJson.WriteMetrics(json, m);
            json.WriteEndObject();
        }
    }

    private static void Nullable(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteText(TextWriter output, ServingReplica replica, CapacityPlan plan, ServingMetrics? check, double ttftSlo, double tpotSlo)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{replica.Model.Id} on {replica.Deployment.Devices} × {replica.Hardware.Id} per replica, {replica.InputTokens} tokens in, {replica.OutputTokens} out; SLOs P99 TTFT ≤ {ttftSlo} ms, P99 TPOT ≤ {tpotSlo} ms"));
        output.WriteLine(plan.MaxQps > 0
            ? check is null
                ? string.Create(c, $"  max rate within the SLOs: {plan.MaxQps:F2} requests/s per replica (steady-state model; --requests 0 skips the simulations)")
                : string.Create(c, $"  max rate within the SLOs: {plan.MaxQps:F2} requests/s per replica (simulated; steady-state model {plan.SteadyStateMaxQps:F2})")
            : "  no rate meets the SLOs on this replica (a request alone misses them)");
        if (check is { } s)
        {
            output.WriteLine(string.Create(c, $"  simulated at that rate: P99 TTFT {s.TtftP99Ms:F1} ms, P99 TPOT {s.TpotP99Ms:F2} ms, goodput {s.GoodputRps:F2} requests/s{(s.Saturated ? " (SATURATED)" : string.Empty)}"));
        }

        if (double.IsFinite(plan.Replicas))
        {
            output.WriteLine(string.Create(c, $"  for {plan.TargetQps} requests/s: {plan.Replicas} replicas = {plan.Devices} devices, {plan.CostPerHour:F2} USD/hour, {plan.CostPerMillionOutputTokens:F3} USD per million output tokens"));
        }
    }
}
