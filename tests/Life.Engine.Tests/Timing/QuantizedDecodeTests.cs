using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Timing;

/// <summary>
/// Weight dequantization is vector work overlapped with the matrix math and the weight stream, never
/// charged on top of the GEMM at a peak the device lacks (issue 15, item 2).
/// </summary>
public sealed class QuantizedDecodeTests
{
    [Fact]
    public void Quantized_decode_is_never_slower_than_16_bit_on_a_bandwidth_bound_cpu()
    {
        var cpu = Shipped.Catalog.ResolveHardware("ryzen-9-hx-370-cpu");
        Assert.Equal(0, cpu.Int8Tops);
        var model = Shipped.Catalog.ResolveModel("llama-2-7b");
        var work = new Workload(1, 128, 128);

        var sixteen = Tpot(model, cpu, 16, work);
        var decodeBytes = Evaluator.Evaluate(OperatorTable.Build(model, new Optimizations(), Shipped.Defaults), cpu, work).DecodeBytesPerToken;

        // 16-bit decode streams 13.3 GB a token at 50% of 240 GB/s: memory-bound.
        Assert.True(sixteen >= decodeBytes / (cpu.MemoryEfficiency * cpu.BandwidthGBs * 1e9) * 1e3 * 0.999, $"16-bit TPOT {sixteen} ms");
        foreach (var bits in new[] { 8.0, 8.5, 4.0, 4.5, 4.85, 3.0 })
        {
            var quantized = Tpot(model, cpu, bits, work);
            Assert.True(quantized <= sixteen, $"{bits}-bit TPOT {quantized:F1} ms is slower than 16-bit {sixteen:F1} ms");
        }
    }

    [Fact]
    public void Four_bit_decode_on_a_device_without_int8_units_is_bound_by_its_weight_stream()
    {
        // 1 TFLOPS at 50% (0.5e12 op/s), 100 GB/s at 100%, no int8 peak, ideal overlap, no dispatch cost.
        var device = new HardwareSpec
        {
            Fp16Tflops = 1,
            Int8Tops = 0,
            BandwidthGBs = 100,
            MemoryGB = 32,
            ComputeEfficiency = 0.5,
            MemoryEfficiency = 1,
            ComputeMemoryOverlap = 1,
        };
        var model = Shipped.Catalog.ResolveModel("llama-2-7b");
        var work = new Workload(1, 128, 128);

        // Llama-2-7B Linear weights: 32 layers × (4·4096² + 3·4096·11008) + lm_head 4096·32000
        // = 6,607,077,376. At 4 bits with an FP16 scale and zero per 128: 0.53125 B each = 3.510 GB;
        // KV at the mean decode context (128 + 63.5 tokens) × 0.5 MiB = 0.100 GB; norms, embedding
        // row and activations < 0.01 GB. 3.61 GB at 100 GB/s = 36.1 ms.
        // Compute: the GEMVs' 2 ops per weight (13.2 Gop) and the unpacking's 2 per weight
        // (13.2 Gop) overlap: 26.4 ms, below the stream. Summed (the old charge) they made 52.9 ms,
        // compute-bound and 47% slower than the stream.
        var four = Tpot(model, device, 4, work);
        Assert.InRange(four, 36.1 * 0.98, 36.1 * 1.02);

        // 16 bits: 6,607,077,376 × 2 B = 13.21 GB + 0.10 GB KV = 13.31 GB → 133.1 ms.
        var sixteen = Tpot(model, device, 16, work);
        Assert.InRange(sixteen, 133.1 * 0.99, 133.1 * 1.01);
    }

    [Fact]
    public void Unpacking_that_outweighs_the_matrix_math_sets_the_compute_time()
    {
        // A compute-poor device (0.05 TFLOPS at 100%) with a fast memory: the unpacking (2 ops per
        // weight per step) and the GEMV (2 per weight per token) are equal at batch 1, so compute
        // time is that of one of them, not both: 13.2 Gop / 0.05e12 = 264 ms.
        var device = new HardwareSpec
        {
            Fp16Tflops = 0.05,
            BandwidthGBs = 10000,
            MemoryGB = 32,
            ComputeEfficiency = 1,
            MemoryEfficiency = 1,
            ComputeMemoryOverlap = 1,
        };
        var model = Shipped.Catalog.ResolveModel("llama-2-7b");
        var work = new Workload(1, 16, 16);
        var four = Tpot(model, device, 4, work);

        // 6,607,077,376 weights × 2 op / 0.05e12 = 264.3 ms, plus norms/attention (< 1%).
        Assert.InRange(four, 264.3, 264.3 * 1.01);
    }

    private static double Tpot(ModelSpec model, in HardwareSpec device, double bits, in Workload work) =>
        Evaluator.Evaluate(OperatorTable.Build(model, new Optimizations { WeightBits = bits }, Shipped.Defaults), device, work).TpotMs;
}
