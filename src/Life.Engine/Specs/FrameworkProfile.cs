namespace Life.Engine.Specs;

/// <summary>
/// How a serving framework executes: which fusions it applies, how its KV cache grows, how it splits
/// a model across devices, and how its kernels compare with the device's default efficiencies
/// (factors learned from measurements, see data/efficiency).
/// </summary>
public sealed record FrameworkProfile(
    FrameworkKind Kind,
    FusionLevel Fusion,
    KvCacheMode KvCache,
    CountingConvention Counting,
    Parallelism Parallelism,
    double ComputeFactor,
    double MemoryFactor,
    double DispatchFactor,
    double CollectiveLatencyUs,
    int PrefillChunk,
    int PipelineChunks = 0,
    double ScoreBits = 16,
    double AttentionComputeScale = 1,
    double AttentionMemoryScale = 1)
{
    /// <summary>Maps a framework name as measurements write it ("llama.cpp", "vLLM", "TensorRT-LLM", …).</summary>
    public static FrameworkKind Parse(string? name)
    {
        var key = (name ?? string.Empty).Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", "-", StringComparison.Ordinal);
        return key switch
        {
            "llama.cpp" or "llamacpp" or "llama-cpp" or "ollama" or "lmstudio" or "lm-studio" or "koboldcpp" => FrameworkKind.LlamaCpp,
            "vllm" => FrameworkKind.Vllm,
            "tensorrt-llm" or "trt-llm" or "trtllm" or "tensorrtllm" or "tensorrt" => FrameworkKind.TensorRtLlm,
            "transformers" or "hf" or "huggingface" or "hf-transformers" or "pytorch" => FrameworkKind.Transformers,
            "sglang" => FrameworkKind.Sglang,
            "mlc" or "mlc-llm" => FrameworkKind.Mlc,
            _ => FrameworkKind.Generic,
        };
    }

    public static string Name(FrameworkKind kind) => kind switch
    {
        FrameworkKind.LlamaCpp => "llama.cpp",
        FrameworkKind.Vllm => "vllm",
        FrameworkKind.TensorRtLlm => "tensorrt-llm",
        FrameworkKind.Transformers => "transformers",
        FrameworkKind.Sglang => "sglang",
        FrameworkKind.Mlc => "mlc",
        _ => "generic",
    };

    /// <summary>Applies the framework's kernel factors to a device.</summary>
    public HardwareSpec Apply(in HardwareSpec hardware) => hardware with
    {
        ComputeEfficiency = Math.Min(1, hardware.ComputeEfficiency * ComputeFactor),
        MemoryEfficiency = Math.Min(1, hardware.MemoryEfficiency * MemoryFactor),
        DispatchOverheadUs = hardware.DispatchOverheadUs * DispatchFactor,
    };

    /// <summary>The framework's execution style on top of the configuration's quantization choices.</summary>
    public Optimizations Apply(in Optimizations options) =>
        options with { Fusion = Fusion, KvCache = KvCache, Counting = Counting, ChunkSize = options.ChunkSize > 0 ? options.ChunkSize : PrefillChunk, ScoreBits = ScoreBits, AttentionComputeScale = AttentionComputeScale, AttentionMemoryScale = AttentionMemoryScale };

    public Deployment DeploymentFor(int devices) => new(devices, Parallelism, CollectiveLatencyUs, PipelineChunks);
}
