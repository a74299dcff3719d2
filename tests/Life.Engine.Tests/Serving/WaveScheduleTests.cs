using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Serving;

public sealed class WaveScheduleTests
{
    [Fact]
    public void A_batch_whose_kv_cache_fits_half_is_served_in_two_waves()
    {
        // Llama-3-8B bf16: 32 layers · 8 KV heads · 128 dims · 2 (K, V) · 2 bytes = 131,072 B per token.
        // A context of 1024 + 1024 tokens (128 blocks of 16) holds 2048 · 131,072 B = 268.4 MB per sequence.
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var work = new Workload(16, 1024, 1024);
        var perSequence = 2048 * 131072.0;
        Assert.Equal(perSequence, KvCapacity.SequenceBytesPerDevice(table, Deployment.Single, 2048), 3);

        // Memory for weights, one prefill's activations and 8.5 sequences, at 90% utilization.
        var reserved = table.WeightBytes + table.ActivationBytes(1, 1024, 1024);
        var device = new HardwareSpec { Fp16Tflops = 300, BandwidthGBs = 2000, MemoryGB = (reserved + (8.5 * perSequence)) / 0.9 / 1e9 };

        var served = Evaluator.Evaluate(table, device, work);
        var wave = Evaluator.Evaluate(table, device, work with { Batch = 8 });
        Assert.Equal(8, served.MaxConcurrency);
        Assert.Equal(2, served.Waves);
        Assert.True(served.Fits);
        Assert.Equal(1, wave.Waves);

        // The second wave starts when the first ends: E2E doubles, mean TTFT is (TTFT + E2E + TTFT)/2.
        Assert.Equal(2 * wave.E2eMs, served.E2eMs, 9);
        Assert.Equal(((2 * wave.TtftMs) + wave.E2eMs) / 2, served.TtftMs, 9);
        Assert.Equal(wave.TpotMs, served.TpotMs, 9);
        Assert.Equal(16 * 2048 / (2 * wave.E2eMs / 1e3), served.ThroughputTps, 6);
    }

    [Fact]
    public void A_model_whose_weights_do_not_fit_has_no_concurrency()
    {
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-2-70b"), new Optimizations(), Shipped.Defaults);
        var m = Evaluator.Evaluate(table, new HardwareSpec { Fp16Tflops = 100, BandwidthGBs = 1000, MemoryGB = 24 }, new Workload(4, 128, 128));
        Assert.False(m.Fits);
        Assert.Equal(0, m.MaxConcurrency);
        Assert.Equal(1, m.Waves);
    }

    [Fact]
    public void Tensor_parallel_divides_the_kv_cache_of_a_sequence()
    {
        // 8 KV heads over tp 4: a quarter per device; over tp 16: each head on two devices, so 1/8.
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-70b"), new Optimizations(), Shipped.Defaults);
        var whole = KvCapacity.SequenceBytesPerDevice(table, Deployment.Single, 1000);
        Assert.Equal(whole / 4, KvCapacity.SequenceBytesPerDevice(table, Deployment.For(new Life.Engine.Parallel.ParallelPlan(4, 1, 1)), 1000), 3);
        Assert.Equal(whole / 8, KvCapacity.SequenceBytesPerDevice(table, Deployment.For(new Life.Engine.Parallel.ParallelPlan(16, 1, 1)), 1000), 3);
    }
}
