using Life.Engine.Calibration;

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
    /// <summary>
    /// Maps a framework name as measurements write it ("llama.cpp", "vLLM 0.6.3", "TensorRT-LLM",
    /// "llama.cpp (Vulkan)", "ollama", "TGI"…). Names carry versions and backends, so a known engine's
    /// name anywhere in the text counts. Engines the fit has no rows for map to the measured engine
    /// they run like: llama.cpp's front ends (Ollama, LM Studio, llamafile, KoboldCpp) are llama.cpp;
    /// continuous-batching servers with paged attention and a Python scheduler (TGI, Aphrodite, a vLLM
    /// fork; DeepSpeed-FastGen/MII) are vLLM; compiled C++ engines (LMDeploy's TurboMind) are
    /// TensorRT-LLM. Anything else is a generic fused serving stack.
    /// </summary>
    public static FrameworkKind Parse(string? name)
    {
        var key = (name ?? string.Empty).Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", "-", StringComparison.Ordinal);
        if (NameText.ContainsAny(key, "llama.cpp", "llamacpp", "llama-cpp", "ggml", "ollama", "lmstudio", "lm-studio", "koboldcpp", "llamafile"))
        {
            return FrameworkKind.LlamaCpp;
        }

        if (NameText.ContainsAny(key, "tensorrt", "trt-llm", "trtllm", "lmdeploy", "turbomind"))
        {
            return FrameworkKind.TensorRtLlm;
        }

        if (NameText.ContainsAny(key, "sglang"))
        {
            return FrameworkKind.Sglang;
        }

        if (NameText.ContainsAny(key, "vllm", "text-generation-inference", "aphrodite", "deepspeed") || key.StartsWith("tgi", StringComparison.Ordinal))
        {
            return FrameworkKind.Vllm;
        }

        if (NameText.ContainsAny(key, "mlc"))
        {
            return FrameworkKind.Mlc;
        }

        if (NameText.ContainsAny(key, "transformers", "huggingface", "pytorch") || key is "hf" or "hf-transformers")
        {
            return FrameworkKind.Transformers;
        }

        return FrameworkKind.Generic;
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
        MemoryEfficiency = Math.Min(1, hardware.MemoryEfficiency * MemoryFactorOn(hardware.DeviceClass)),
        DispatchOverheadUs = hardware.DispatchOverheadUs * DispatchFactor,
    };

    /// <summary>The memory factor on a device class: PyTorch eager on a CPU streams far below CPU-tuned kernels.</summary>
    private double MemoryFactorOn(DeviceClass deviceClass) =>
        Kind == FrameworkKind.Transformers && deviceClass == DeviceClass.Cpu ? MemoryFactor * ClassPriors.TransformersOnCpuMemoryFactor : MemoryFactor;

    /// <summary>The framework's execution style on top of the configuration's quantization choices.</summary>
    public Optimizations Apply(in Optimizations options) =>
        options with { Fusion = Fusion, KvCache = KvCache, Counting = Counting, ChunkSize = options.ChunkSize > 0 ? options.ChunkSize : PrefillChunk, ScoreBits = ScoreBits, AttentionComputeScale = AttentionComputeScale, AttentionMemoryScale = AttentionMemoryScale };
}
