using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

public sealed class ServingCommandTests
{
    [Fact]
    public async Task Simulate_prints_percentiles_in_order_and_the_steady_state_next_to_them()
    {
        var run = await CliRun.Of("simulate", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--qps", "5", "--input", "512", "--output", "64", "--requests", "500", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("saturated").GetBoolean());
        var p50 = root.GetProperty("ttft_p50_ms").GetDouble();
        var p90 = root.GetProperty("ttft_p90_ms").GetDouble();
        var p99 = root.GetProperty("ttft_p99_ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= p90 && p90 <= p99, $"{p50} {p90} {p99}");
        Assert.False(root.GetProperty("steady_state").GetProperty("saturated").GetBoolean());

        // Every request meets SLOs that are not given: goodput is the whole rate.
        Assert.Equal(5, root.GetProperty("goodput_rps").GetDouble(), 9);
    }

    [Fact]
    public async Task Simulate_flags_a_rate_past_capacity_and_writes_no_infinite_numbers()
    {
        var run = await CliRun.Of("simulate", "--hardware", "l4", "--model", "llama-3-8b", "--weight-bits", "8", "--qps", "500", "--input", "1024", "--output", "128", "--requests", "2000", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("saturated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("steady_state").GetProperty("ttft_p99_ms").ValueKind);
    }

    [Fact]
    public async Task Capacity_sizes_the_replicas_for_a_target_rate_and_prices_them()
    {
        var run = await CliRun.Of("capacity", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--input", "512", "--output", "128",
            "--slo-ttft-p99-ms", "1000", "--slo-tpot-p99-ms", "40", "--target-qps", "100", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var maxQps = root.GetProperty("max_qps_at_slo").GetDouble();
        Assert.True(maxQps > 0);
        var replicas = root.GetProperty("replicas").GetDouble();
        Assert.Equal(Math.Ceiling(100 / maxQps), replicas);

        // h100-sxm rents at $2.95 per GPU-hour; 100 requests/s of 128 output tokens = 46.08 M tokens/hour.
        Assert.Equal(replicas * 2.95, root.GetProperty("cost_per_hour").GetDouble(), 9);
        Assert.Equal(replicas * 2.95 / 46.08, root.GetProperty("cost_per_m_output_tokens").GetDouble(), 9);
        var check = root.GetProperty("simulated_at_max_qps");
        Assert.True(check.GetProperty("ttft_p99_ms").GetDouble() <= 1000);
        Assert.True(check.GetProperty("tpot_p99_ms").GetDouble() <= 40);
    }

    [Fact]
    public async Task Speculative_decoding_in_capacity_serves_a_tpot_bound_replica_at_a_higher_rate()
    {
        string[] args = ["capacity", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--input", "512", "--output", "256", "--slo-tpot-p99-ms", "12", "--requests", "0", "--json"];
        var plain = await CliRun.Of(args);
        var speculative = await CliRun.Of([.. args, "--spec-k", "4", "--spec-alpha", "0.8", "--draft-cost", "0.05"]);

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, speculative.ExitCode);
        using var p = JsonDocument.Parse(plain.Output);
        using var s = JsonDocument.Parse(speculative.Output);

        // (1 − 0.8⁵)/(1 − 0.8) = (1 − 0.32768)/0.2 = 3.3616 tokens per step.
        Assert.Equal(3.3616, s.RootElement.GetProperty("tokens_per_step").GetDouble(), 9);
        Assert.Equal(1, p.RootElement.GetProperty("tokens_per_step").GetDouble());
        Assert.True(s.RootElement.GetProperty("max_qps_at_slo").GetDouble() > p.RootElement.GetProperty("max_qps_at_slo").GetDouble());
    }

    [Fact]
    public async Task Capacity_of_a_disaggregated_deployment_prices_both_pools_and_reports_the_kv_transfer()
    {
        var run = await CliRun.Of("capacity", "--hardware", "h100-sxm", "--model", "llama-3-70b", "--tp", "4", "--input", "1024", "--output", "256",
            "--slo-ttft-p99-ms", "2000", "--slo-tpot-p99-ms", "50", "--target-qps", "40", "--disagg-prefill", "1", "--disagg-decode", "2", "--decode-hardware", "h200", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("h200", root.GetProperty("decode_hardware").GetString());
        Assert.Equal(12, root.GetProperty("devices_per_deployment").GetDouble());

        // 70B, 1024 tokens: 335,544,320 B of KV over 4 devices = 83,886,080 B each, at 50 GB/s + 5 µs.
        Assert.Equal(((83886080 / 50e9) + 5e-6) * 1e3, root.GetProperty("kv_transfer_ms").GetDouble(), 9);
        var deployments = root.GetProperty("deployments").GetDouble();
        Assert.Equal(Math.Ceiling(40 / root.GetProperty("max_qps_at_slo").GetDouble()), deployments);

        // A deployment rents 4 H100 at $2.95 and 8 H200 at the catalog's H200 rate.
        var h200 = Life.Engine.Catalog.BuiltInCatalog.LoadShipped().ResolveHardware("h200").HourlyCostUsd;
        Assert.Equal(deployments * ((4 * 2.95) + (8 * h200)), root.GetProperty("cost_per_hour").GetDouble(), 9);
        Assert.True(root.GetProperty("steady_state_at_max_qps").GetProperty("ttft_p99_ms").GetDouble() <= 2000);
    }

    [Fact]
    public async Task Simulate_draws_lengths_from_seeded_distributions_and_sizes_the_kv_cache_at_their_means()
    {
        string[] args = ["simulate", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--qps", "5", "--requests", "800", "--seed", "9",
            "--input-dist", "uniform:256,768", "--output-dist", "lognormal:4.5,0.5", "--json"];
        var first = await CliRun.Of(args);
        var second = await CliRun.Of(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        using var json = JsonDocument.Parse(first.Output);
        var root = json.RootElement;

        // Means: (256 + 768)/2 = 512; exp(4.5 + 0.5²/2) = exp(4.625) = 101.98 → 102.
        Assert.Equal(512, root.GetProperty("input_tokens").GetInt32());
        Assert.Equal(102, root.GetProperty("output_tokens").GetInt32());
        Assert.Equal("uniform:256,768", root.GetProperty("input_dist").GetString());
        Assert.False(root.GetProperty("saturated").GetBoolean());
    }

    [Fact]
    public async Task Simulate_plays_a_disaggregated_deployment_and_its_decode_steps_carry_no_prefill_spread()
    {
        var run = await CliRun.Of("simulate", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--qps", "5", "--input", "1024", "--output", "128",
            "--requests", "1000", "--disagg-prefill", "1", "--disagg-decode", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("decode_replicas").GetInt32());
        Assert.False(root.GetProperty("saturated").GetBoolean());

        // The steady-state model of the pools: every TPOT percentile is one decode step (no prefill rides it).
        var model = root.GetProperty("steady_state");
        Assert.Equal(model.GetProperty("tpot_p50_ms").GetDouble(), model.GetProperty("tpot_p99_ms").GetDouble());
        Assert.InRange(root.GetProperty("tpot_p99_ms").GetDouble() / root.GetProperty("tpot_p50_ms").GetDouble(), 1, 1.2);
    }

    [Fact]
    public async Task Capacity_with_a_spread_prompt_serves_no_faster_than_with_every_prompt_at_its_mean()
    {
        // lognormal:6.5,0.8 has mean e^(6.5 + 0.32) = 915.99 → 916 tokens: the fixed run takes 916 for every prompt.
        string[] common = ["capacity", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--output", "128",
            "--slo-ttft-p99-ms", "300", "--slo-tpot-p99-ms", "100", "--requests", "0", "--json"];
        var spread = await CliRun.Of([.. common, "--input-dist", "lognormal:6.5,0.8"]);
        var fixedLengths = await CliRun.Of([.. common, "--input", "916"]);

        Assert.Equal(0, spread.ExitCode);
        Assert.Equal(0, fixedLengths.ExitCode);
        using var spreadJson = JsonDocument.Parse(spread.Output);
        using var fixedJson = JsonDocument.Parse(fixedLengths.Output);
        Assert.Equal(916, spreadJson.RootElement.GetProperty("input_tokens").GetInt32());
        Assert.Equal("lognormal:6.5,0.8", spreadJson.RootElement.GetProperty("input_dist").GetString());
        Assert.Equal(fixedJson.RootElement.GetProperty("max_concurrency").GetDouble(), spreadJson.RootElement.GetProperty("max_concurrency").GetDouble());
        var withSpread = spreadJson.RootElement.GetProperty("max_qps_at_slo").GetDouble();
        var atMean = fixedJson.RootElement.GetProperty("max_qps_at_slo").GetDouble();
        Assert.True(withSpread > 0 && withSpread < atMean, $"{withSpread} vs {atMean} requests/s");
    }

    [Fact]
    public async Task Capacity_of_disaggregated_pools_refuses_drawn_lengths()
    {
        var run = await CliRun.Of("capacity", "--hardware", "h100-sxm", "--model", "llama-3-8b", "--disagg-prefill", "1", "--disagg-decode", "1", "--input-dist", "uniform:100,300");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the disaggregated pools' model takes fixed lengths only", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate", "--input-dist", "uniform:5", "--input-dist = 'uniform:5': expected fixed, uniform:A,B")]
    [InlineData("capacity", "--output-dist", "lognormal:x,1", "--output-dist = 'lognormal:x,1': expected fixed, uniform:A,B")]
    [InlineData("capacity", "--decode-hardware", "h200", "--decode-hardware needs --disagg-prefill N and --disagg-decode M")]
    [InlineData("capacity", "--disagg-prefill", "2", "--disagg-prefill = 2, --disagg-decode = 0: each must be in 1..1024")]
    [InlineData("simulate", "--qps", "-1", "qps = -1 must be a positive number")]
    [InlineData("capacity", "--slo-ttft-p99-ms", "0", "--slo-ttft-p99-ms = 0 must be a positive number")]
    [InlineData("simulate", "--tp", "3", "tp = 3 does not divide the 32 attention heads")]
    public async Task Bad_serving_input_exits_2_with_one_line(string command, string option, string value, string message)
    {
        var args = new List<string> { command, "--hardware", "h100-sxm", "--model", "llama-3-8b", option, value };
        if (command == "simulate" && option != "--qps")
        {
            args.AddRange(["--qps", "1"]);
        }

        var run = await CliRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
