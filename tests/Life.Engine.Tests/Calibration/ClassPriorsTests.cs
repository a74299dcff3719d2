using Life.Engine.Calibration;
using Life.Engine.Specs;
using Life.Engine.Validation;

namespace Life.Engine.Tests.Calibration;

public sealed class ClassPriorsTests
{
    [Fact]
    public void Hf_transformers_on_the_LIFE_papers_cpu_decodes_at_the_papers_measured_rate()
    {
        // LIFE Table 10 (shared/validation/life-paper.csv): Llama-2-7B bf16 on a Ryzen 9 HX 370 CPU,
        // PyTorch 2.6 + HF transformers, 1.59 tokens/s at a 32-token prompt.
        var predicted = Predict(Row("ryzen-9-hx-370-cpu", double.NaN, double.NaN, "transformers", 16, 32, 1, 1.59));

        Assert.InRange(predicted, 1.59 * 0.9, 1.59 * 1.1);
    }

    [Fact]
    public void A_cpu_tuned_engine_streams_weights_at_about_half_the_cpus_spec_bandwidth_not_at_hf_transformers_rate()
    {
        // A desktop CPU given by its spec (2.5 TFLOPS, 96 GB/s), llama.cpp, Llama-2-7B Q4_0 decode.
        const double bandwidthGBs = 96;
        var llamaCpp = Predict(Row("Some Desktop CPU", 2.5, bandwidthGBs, "llama.cpp", 4.5, 1, 128, 1));
        var transformers = Predict(Row("Some Desktop CPU", 2.5, bandwidthGBs, "transformers", 4.5, 1, 128, 1));

        // Q4_0 weights of Llama-2-7B: 6.74e9 parameters at 4.5 bits = 3.79 GB read per token.
        var streamedGBs = llamaCpp * 6.74e9 * 4.5 / 8 / 1e9;
        Assert.InRange(streamedGBs / bandwidthGBs, 0.35, 0.55);
        Assert.InRange(llamaCpp / transformers, 3, 8);
    }

    private static double Predict(Measurement row)
    {
        var defaults = Shipped.Defaults;
        var (prepared, skipped) = new MeasurementResolver(Shipped.Catalog, defaults).Resolve([row]);
        Assert.Empty(skipped);
        return Validator.Predict(prepared.Single(), new TableCache(defaults));
    }

    private static Measurement Row(string hardware, double tflops, double bandwidthGBs, string framework, double weightBits, int input, int output, double value) =>
        new("cpu.csv", 1, "test", hardware, tflops, double.NaN, bandwidthGBs, 64, 1, framework, "llama-2-7b", weightBits, 16, 16, 1, input, output, MeasuredMetric.DecodeTps, value);
}
