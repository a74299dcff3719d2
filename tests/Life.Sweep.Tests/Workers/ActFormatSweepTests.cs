using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Results;
using Life.Sweep.Space;
using Life.Sweep.Specs;
using Life.Sweep.Workers;

namespace Life.Sweep.Tests.Workers;

public sealed class ActFormatSweepTests
{
    private const string Spec = """
        name: formats
        hardware: [gaudi2, h100-sxm]
        models: [llama-2-7b]
        optimizations:
          weight_bits: [8]
          act_bits: [8]
          act_format: [int, fp]
        workload:
          batch: [1]
          input_tokens: [2048]
          output_tokens: [2]
        """;

    [Fact]
    public void Act_format_is_a_dimension_that_picks_int8_or_fp8_arithmetic()
    {
        var spec = SpecText.Parse(Spec);
        var space = new SweepSpace(spec);
        Assert.Equal(4, space.Count);
        var batch = new ResultBatch(spec, (int)space.Count);
        new ShardEvaluator(space).Evaluate(0, (int)space.Count, batch);

        var formatColumn = space.IndexOf(DimensionKeys.ActFormat);
        var hardwareColumn = space.HardwareDimension;
        var model = Shipped.Catalog.ResolveModel("llama-2-7b");
        var ttft = new Dictionary<(string, string), double>();
        for (var row = 0; row < batch.Count; row++)
        {
            var format = spec.Dimensions[formatColumn].Texts[batch.Indices[formatColumn][row]];
            var hardwareId = spec.Dimensions[hardwareColumn].Texts[batch.Indices[hardwareColumn][row]];
            var options = new Optimizations { WeightBits = 8, ActivationBits = 8, ActivationFormat = OptionNames.ParseActivationFormat(format) };
            var expected = Evaluator.Evaluate(OperatorTable.Build(model, options, Shipped.Defaults), Shipped.Catalog.ResolveHardware(hardwareId), new Workload(1, 2048, 2));
            Assert.Equal(expected.TtftMs, batch.Metrics[(int)MetricColumn.TtftMs][row], 9);
            ttft[(hardwareId, format)] = expected.TtftMs;
        }

        // Gaudi 2 has FP8 (865 TFLOPS) and no INT8 units (BF16 432): fp prefills faster. The H100's
        // INT8 and FP8 peaks are equal (1978.9 dense).
        Assert.True(ttft[("gaudi2", "fp")] < 0.7 * ttft[("gaudi2", "int")]);
        Assert.Equal(ttft[("h100-sxm", "int")], ttft[("h100-sxm", "fp")], 9);
    }

    [Fact]
    public void An_unknown_act_format_is_rejected_naming_the_choices()
    {
        var yaml = Spec.Replace("act_format: [int, fp]", "act_format: [bf8]", StringComparison.Ordinal);
        var error = Assert.Throws<SpecException>(() => SpecText.Parse(yaml));
        Assert.Contains("act_format 'bf8' is not one of int, fp", error.Message, StringComparison.Ordinal);
    }
}
