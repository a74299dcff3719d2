using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

/// <summary>
/// workload.input_dist / output_dist (docs/serving.md): text dimensions of the serving columns;
/// fixed is the row's length, a drawn side serves its mean with its spread.
/// </summary>
public sealed class LengthDistributionSweepTests
{
    private const string Spec = """
        name: lengths
        hardware: [h100-sxm]
        models: [llama-3-8b]
        workload:
          input_tokens: [512]
          output_tokens: [128]
          input_dist: [fixed, "lognormal:6.5,0.8"]
          output_dist: [fixed, "uniform:64,192"]
          qps: [2, 6]
        slo: { ttft_p99_ms: 500, tpot_p99_ms: 50 }
        objectives: [max:max_qps_at_slo]
        """;

    [Fact]
    public void Each_rows_serving_columns_are_the_steady_state_models_at_its_lengths_means_and_spreads()
    {
        var spec = SpecText.Parse(Spec);
        var (space, batch) = WholeSweep.Evaluate(spec);
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var hardware = Shipped.Catalog.ResolveHardware("h100-sxm");
        var cost = new StepCost(table, hardware, Deployment.Single);
        var inputColumn = space.IndexOf(DimensionKeys.InputDist);
        var outputColumn = space.IndexOf(DimensionKeys.OutputDist);
        var qpsColumn = space.IndexOf(DimensionKeys.Qps);
        Assert.Equal(8, batch.Count);
        var p99ByInput = new double[2];
        for (var row = 0; row < batch.Count; row++)
        {
            var inputText = spec.Find(DimensionKeys.InputDist)!.Texts[batch.Indices[inputColumn][row]];
            var outputText = spec.Find(DimensionKeys.OutputDist)!.Texts[batch.Indices[outputColumn][row]];
            var input = LengthDistribution.Parse(inputText, "i");
            var output = LengthDistribution.Parse(outputText, "o");

            // Means: lognormal e^(6.5 + 0.8²/2) = 915.99 → 916; uniform (64 + 192)/2 = 128; fixed: the row's.
            var lengths = new ServingWorkload(0, input.IsFixed ? 512 : 916, 128) { InputLengths = input, OutputLengths = output };
            var capacity = KvCapacity.Of(table, hardware, Deployment.Single, new Workload(1, lengths.InputTokens, 128)).MaxConcurrency;
            var qps = batch.Reals[qpsColumn][row];
            var expected = SteadyStateServing.Evaluate(cost, lengths with { Qps = qps }, SchedulerConfig.Default, capacity);
            Assert.False(expected.Saturated);
            Assert.Equal(capacity, batch.Metrics[(int)MetricColumn.MaxConcurrency][row]);
            Assert.Equal(expected.TtftP99Ms, batch.Metrics[(int)MetricColumn.P99TtftMs][row]);
            Assert.Equal(expected.TpotP50Ms, batch.Metrics[(int)MetricColumn.P50TpotMs][row]);
            Assert.Equal(CapacitySearch.MaxQps(cost, lengths, SchedulerConfig.Default, capacity, 500, 50), batch.Metrics[(int)MetricColumn.MaxQpsAtSlo][row]);
            if (output.IsFixed && qps == 6)
            {
                p99ByInput[input.IsFixed ? 0 : 1] = expected.TtftP99Ms;
            }

            if (input.IsFixed && output.IsFixed)
            {
                // fixed, fixed is the sweep without the keys: the same numbers.
                Assert.Equal(SteadyStateServing.Evaluate(cost, new ServingWorkload(qps, 512, 128), SchedulerConfig.Default, capacity).TtftP99Ms, expected.TtftP99Ms);
            }
        }

        Assert.True(p99ByInput[1] > p99ByInput[0], "a longer, spread prompt has the longer P99 TTFT");
    }

    [Theory]
    [InlineData("  qps: [2, 6]\n", "", "workload.input_dist: changes only the serving columns")]
    [InlineData("\"lognormal:6.5,0.8\"", "\"lognormal:6.5\"", "workload.input_dist[1]: input_dist = 'lognormal:6.5': expected fixed")]
    [InlineData("objectives: [max:max_qps_at_slo]", "objectives: [max:max_qps_at_slo]\ndisaggregation: [none, { prefill: 1, decode: 1 }]", "the disaggregated pools' model takes fixed lengths only")]
    public void Bad_length_distributions_in_a_sweep_are_bad_input(string line, string replacement, string message)
    {
        var yaml = Spec.Replace(line, replacement, StringComparison.Ordinal);
        if (replacement.Length == 0)
        {
            yaml = yaml.Replace("slo: { ttft_p99_ms: 500, tpot_p99_ms: 50 }\n", string.Empty, StringComparison.Ordinal).Replace("objectives: [max:max_qps_at_slo]", "objectives: [min:tpot_ms]", StringComparison.Ordinal);
        }

        var e = Assert.Throws<SpecException>(() => SpecText.Parse(yaml));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_canonical_form_keeps_the_distributions_and_parses_back_to_the_same_hash()
    {
        var spec = SpecText.Parse(Spec);
        var again = SweepSpecParser.Parse(spec.CanonicalJson, "sweep.json", Path.GetTempPath(), Shipped.Catalog);
        Assert.Equal(spec.Hash, again.Hash);
        Assert.Equal(["fixed", "lognormal:6.5,0.8"], again.Find(DimensionKeys.InputDist)!.Texts);
        var without = SpecText.Parse(Spec.Replace("  input_dist: [fixed, \"lognormal:6.5,0.8\"]\n  output_dist: [fixed, \"uniform:64,192\"]\n", string.Empty, StringComparison.Ordinal));
        Assert.NotEqual(spec.Hash, without.Hash);
        Assert.Null(without.Find(DimensionKeys.InputDist));
    }
}
