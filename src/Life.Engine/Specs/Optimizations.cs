using System.Globalization;

namespace Life.Engine.Specs;

/// <summary>
/// The inference optimizations of a configuration (life-model.md §3). The defaults describe a modern
/// serving stack: 16-bit weights, activations and KV, no adapter, no chunking, full fusion, a static
/// (paged) KV cache and serving-engine counting.
/// </summary>
public readonly struct Optimizations
{
    public Optimizations()
    {
        WeightBits = 16;
        ActivationBits = 16;
        KvBits = 16;
        QuantGroupSize = 128;
        Fusion = FusionLevel.Full;
        ScoreBits = 16;
        AttentionComputeScale = 1;
        AttentionMemoryScale = 1;
    }

    /// <summary>
    /// Bits per weight of every Linear. Integer values below 16 add an FP16 scale and zero point per
    /// <see cref="QuantGroupSize"/> weights; fractional values (4.5 for llama.cpp Q4_0, 8.5 for Q8_0)
    /// already include their block scales.
    /// </summary>
    public double WeightBits { get; init; }

    /// <summary>
    /// Bits of the activations fed to Linear layers (16, 8 or 4); below 16 picks 8- or 4-bit matrix
    /// arithmetic in <see cref="ActivationFormat"/>.
    /// </summary>
    public double ActivationBits { get; init; }

    /// <summary>Integer (INT8/INT4) or float (FP8/FP4) activations below 16 bits; ignored at 16.</summary>
    public ActivationFormat ActivationFormat { get; init; }

    /// <summary>Bits per element of the KV cache.</summary>
    public double KvBits { get; init; }

    public int QuantGroupSize { get; init; }

    /// <summary>LoRA rank applied to every projection of every layer; 0 for none.</summary>
    public int LoraRank { get; init; }

    public LoraMode LoraMode { get; init; }

    /// <summary>Chunked-prefill chunk size in tokens; 0 processes the whole prompt in one step.</summary>
    public int ChunkSize { get; init; }

    public FusionLevel Fusion { get; init; }

    public KvCacheMode KvCache { get; init; }

    public CountingConvention Counting { get; init; }

    /// <summary>
    /// Bits per attention score when eager attention materializes them: 16 for PyTorch eager,
    /// 32 for ggml (llama.cpp), whose matrix products and softmax always produce F32 tensors.
    /// </summary>
    public double ScoreBits { get; init; }

    /// <summary>
    /// Multiplier on the compute time of the attention core relative to the device's GEMM
    /// efficiency: unfused attention kernels (per-head batched products, masking, softmax) run well
    /// below GEMM efficiency. Set by the framework profile, fitted from measurements.
    /// </summary>
    public double AttentionComputeScale { get; init; }

    /// <summary>
    /// Multiplier on the memory time of the attention core (KV-cache reads, materialized scores)
    /// relative to the device's streaming bandwidth: per-head KV reads are strided and short, so
    /// unfused kernels stream them well below the rate weights stream at. Set by the framework
    /// profile, fitted from measurements.
    /// </summary>
    public double AttentionMemoryScale { get; init; }

    /// <summary>True when weights are stored below 16 bits and dequantized on the fly.</summary>
    public bool WeightsQuantized => WeightBits < 16;

    /// <summary>Bytes per weight including quantization parameters (see <see cref="WeightBits"/>).</summary>
    public double WeightBytesPerElement
    {
        get
        {
            var bytes = WeightBits / 8;
            var integral = WeightBits == Math.Floor(WeightBits);
            return WeightsQuantized && integral ? bytes + 4.0 / QuantGroupSize : bytes;
        }
    }

    /// <summary>Throws <see cref="EngineInputException"/> naming the first impossible field.</summary>
    public void Validate()
    {
        Require(WeightBits >= 1 && WeightBits <= 32, "weight_bits", WeightBits);
        Require(ActivationBits >= 1 && ActivationBits <= 32, "act_bits", ActivationBits);
        Require(KvBits >= 1 && KvBits <= 32, "kv_bits", KvBits);
        Require(ScoreBits >= 8 && ScoreBits <= 32, "score_bits", ScoreBits);
        Require(AttentionComputeScale > 0 && AttentionComputeScale <= 100, "attention_compute_scale", AttentionComputeScale);
        Require(AttentionMemoryScale > 0 && AttentionMemoryScale <= 100, "attention_memory_scale", AttentionMemoryScale);
        Require(QuantGroupSize >= 1, "quant_group_size", QuantGroupSize);
        Require(LoraRank >= 0, "lora_rank", LoraRank);
        Require(ChunkSize >= 0, "chunk", ChunkSize);
        Require(Enum.IsDefined(LoraMode), "lora_mode", (double)LoraMode);
        Require(Enum.IsDefined(Fusion), "fusion", (double)Fusion);
        Require(Enum.IsDefined(KvCache), "kv_cache", (double)KvCache);
        Require(Enum.IsDefined(Counting), "counting", (double)Counting);
        Require(Enum.IsDefined(ActivationFormat), "act_format", (double)ActivationFormat);
    }

    private static void Require(bool ok, string field, double value)
    {
        if (!ok)
        {
            throw new EngineInputException($"{field} = {value.ToString(CultureInfo.InvariantCulture)} is out of range");
        }
    }
}
