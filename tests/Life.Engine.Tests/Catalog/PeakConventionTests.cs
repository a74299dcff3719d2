using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Catalog;

/// <summary>
/// One FP16 peak convention for every catalog device: dense, FP32 accumulate (issue 15, item 7).
/// Where the convention can be checked from published ratios, it is.
/// </summary>
public sealed class PeakConventionTests
{
    [Fact]
    public void The_rtx_4090_peak_is_the_fp32_accumulate_figure()
    {
        var card = Shipped.Catalog.ResolveHardware("rtx-4090");

        // Ada whitepaper, RTX 4090: FP16 tensor 330.3 dense with FP16 accumulate, 165.2 with FP32
        // accumulate; FP8 660.6 / 330.3 likewise; INT8 660.6 dense.
        Assert.Equal(165.2, card.Fp16Tflops);
        Assert.Equal(330.3, card.Fp8Tflops);
        Assert.Equal(660.6, card.Int8Tops);
    }

    [Fact]
    public void Nvidia_int8_is_four_times_fp16_on_geforce_and_twice_elsewhere()
    {
        // INT8 (INT32 accumulate) runs at twice the FP16-accumulate FP16 rate on every NVIDIA tensor
        // core; GeForce halves FP16 with FP32 accumulate, datacenter and workstation parts do not. So
        // with the FP32-accumulate convention int8/fp16 is 4 on GeForce and 2 on the rest.
        var checkedDevices = 0;
        foreach (var entry in Shipped.Catalog.Hardware)
        {
            var h = entry.Spec;
            if (h.Vendor != Vendor.Nvidia || h.IsBucketed || h.Int8Tops <= 0)
            {
                continue;
            }

            var expected = h.Name.Contains("GeForce", StringComparison.Ordinal) ? 4.0 : 2.0;
            var ratio = h.Int8Tops / h.Fp16Tflops;
            Assert.True(Math.Abs(ratio - expected) / expected < 0.015, $"{entry.Id}: int8 {h.Int8Tops} / fp16 {h.Fp16Tflops} = {ratio:F3}, expected {expected}");
            checkedDevices++;
        }

        Assert.True(checkedDevices >= 30, $"only {checkedDevices} NVIDIA devices checked");
    }

    [Fact]
    public void Narrower_float_formats_are_never_slower_than_wider_ones()
    {
        foreach (var entry in Shipped.Catalog.Hardware)
        {
            var h = entry.Spec;
            if (h.IsBucketed)
            {
                continue;
            }

            Assert.True(h.Fp8Tflops == 0 || h.Fp8Tflops >= h.Fp16Tflops, $"{entry.Id}: fp8 {h.Fp8Tflops} below fp16 {h.Fp16Tflops}");
            Assert.True(h.Fp4Tflops == 0 || h.Fp4Tflops >= Math.Max(h.Fp8Tflops, h.Fp16Tflops), $"{entry.Id}: fp4 {h.Fp4Tflops} below fp8/fp16");
        }
    }

    [Fact]
    public void Sixteen_bit_prefill_never_exceeds_the_fp16_peak_on_any_device_and_framework()
    {
        // Prefill that runs BF16 GEMMs cannot do more operations per second than the BF16 peak, in any
        // framework profile, however its fitted factors combine with the device's efficiency.
        var model = Shipped.Catalog.ResolveModel("llama-3-8b");
        var work = new Workload(1, 8192, 2);
        foreach (var kind in new[] { FrameworkKind.Generic, FrameworkKind.LlamaCpp, FrameworkKind.Vllm, FrameworkKind.TensorRtLlm, FrameworkKind.Transformers })
        {
            var profile = FrameworkProfiles.For(kind, Shipped.Defaults);
            var table = OperatorTable.Build(model, profile.Apply(new Optimizations()), Shipped.Defaults);
            foreach (var entry in Shipped.Catalog.Hardware)
            {
                if (entry.Spec.IsBucketed)
                {
                    continue;
                }

                var device = profile.Apply(entry.Spec) with { MemoryGB = 1e6 };
                var m = Evaluator.Evaluate(table, device, work);
                var achieved = m.PrefillOps / (m.TtftMs / 1e3) / 1e12;
                Assert.True(achieved <= device.Fp16Tflops * 1.000001, $"{entry.Id} {kind}: prefill reaches {achieved:F1} TFLOPS, peak {device.Fp16Tflops}");
            }
        }
    }
}
