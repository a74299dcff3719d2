using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Specs;

/// <summary>Bucketed NPUs (LENS profiles) are hardware like any other in a sweep.</summary>
public sealed class BucketedSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bucketed-sweep-").FullName;

    public BucketedSweepTests()
    {
        File.WriteAllText(Path.Combine(_dir, "fast.json"), Profile(1));
        File.WriteAllText(Path.Combine(_dir, "slow.json"), Profile(2));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Two_profiles_are_a_hardware_dimension_and_each_row_takes_its_times_from_its_own()
    {
        var spec = Parse(Spec);
        var space = new SweepSpace(spec);
        var batch = new ResultBatch(spec, (int)space.Count);

        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);

        var hardware = space.HardwareDimension;
        var input = spec.Dimensions.ToList().FindIndex(d => d.Key == "input_tokens");
        // Input 100, 400 out: TTFT = P(128); decode 28·D(128) + 128·D(256) + 243·D(512) with D = 1, 2, 4 ms times the scale.
        for (var row = 0; row < batch.Count; row++)
        {
            var scale = batch.Indices[hardware][row] + 1.0;
            var inputTokens = batch.Integers[input][row];
            var ttft = batch.Metrics[(int)MetricColumn.TtftMs][row];
            var e2e = batch.Metrics[(int)MetricColumn.E2eMs][row];
            if (inputTokens == 100)
            {
                Assert.True(batch.Fits[row]);
                Assert.True(batch.MeetsConstraints[row]);
                Assert.Equal(10 * scale, ttft);
                Assert.Equal((10 + 28 + 256 + 972) * scale, e2e, 9);
            }
            else
            {
                // 600 tokens are past the largest prefill bucket: the device cannot run it.
                Assert.False(batch.Fits[row]);
                Assert.False(batch.MeetsConstraints[row]);
                Assert.True(double.IsNaN(ttft));
            }
        }
    }

    [Fact]
    public void The_canonical_spec_carries_the_profiles_inline_so_it_parses_back_anywhere()
    {
        var spec = Parse(Spec);
        var elsewhere = Directory.CreateTempSubdirectory("bucketed-elsewhere-").FullName;
        try
        {
            var again = SweepSpecParser.Parse(spec.CanonicalJson, "sweep.json", elsewhere, Shipped.Catalog);

            Assert.Equal(spec.Hash, again.Hash);
            Assert.Equal(20, again.Hardware[1].Buckets!.Predict(1, 100, 1).TtftMs);
        }
        finally
        {
            Directory.Delete(elsewhere);
        }
    }

    [Fact]
    public void A_profile_for_another_model_is_refused_when_the_spec_is_read()
    {
        File.WriteAllText(Path.Combine(_dir, "mistral.json"), Profile(1).Replace("\"model\": \"llama-2-7b\"", "\"model\": \"mistral-7b\"", StringComparison.Ordinal));

        var e = Assert.Throws<SpecException>(() => Parse("""
            hardware: [{id: npu, kind: bucketed, profile: mistral.json, memory_gb: 64}]
            models: [llama-2-7b]
            workload: {input_tokens: [100], output_tokens: [4]}
            """));

        Assert.Contains(e.Problems, p => p.Contains("profiled for model 'mistral-7b', not 'llama-2-7b'", StringComparison.Ordinal));
    }

    private const string Spec = """
        hardware:
          - {id: npu-fast, device_class: npu, kind: bucketed, profile: fast.json, memory_gb: 64}
          - {id: npu-slow, device_class: npu, kind: bucketed, profile: slow.json, memory_gb: 64}
        models: [llama-2-7b]
        workload: {input_tokens: [100, 600], output_tokens: [400]}
        """;

    private SweepSpec Parse(string yaml) => SweepSpecParser.Parse(yaml, "spec.yaml", _dir, Shipped.Catalog);

    /// <summary>P = 10, 20, 40 ms and D = 1, 2, 4 ms for buckets 128, 256, 512, all times <paramref name="scale"/>.</summary>
    private static string Profile(int scale) => $$"""
        {
          "format": "lens-profile/1",
          "device": "npu",
          "model": "llama-2-7b",
          "prefill_buckets": [
            { "batch": 1, "length": 128, "prefill_ms": {{10 * scale}} },
            { "batch": 1, "length": 256, "prefill_ms": {{20 * scale}} },
            { "batch": 1, "length": 512, "prefill_ms": {{40 * scale}} }
          ],
          "decode_buckets": [
            { "batch": 1, "length": 128, "step_ms": {{1 * scale}} },
            { "batch": 1, "length": 256, "step_ms": {{2 * scale}} },
            { "batch": 1, "length": 512, "step_ms": {{4 * scale}} }
          ]
        }
        """;
}
