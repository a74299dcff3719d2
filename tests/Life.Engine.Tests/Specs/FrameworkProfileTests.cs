using Life.Engine.Specs;

namespace Life.Engine.Tests.Specs;

public sealed class FrameworkProfileTests
{
    public static TheoryData<string, FrameworkKind> Names => new()
    {
        { "llama.cpp", FrameworkKind.LlamaCpp },
        { "llama.cpp (Vulkan)", FrameworkKind.LlamaCpp },
        { "llama.cpp b4567 ROCm", FrameworkKind.LlamaCpp },
        { "Ollama 0.3.6", FrameworkKind.LlamaCpp },
        { "LM Studio", FrameworkKind.LlamaCpp },
        { "vLLM", FrameworkKind.Vllm },
        { "vllm==0.6.3", FrameworkKind.Vllm },
        { "TGI", FrameworkKind.Vllm },
        { "text-generation-inference 2.0", FrameworkKind.Vllm },
        { "DeepSpeed-FastGen", FrameworkKind.Vllm },
        { "TensorRT-LLM", FrameworkKind.TensorRtLlm },
        { "TRT-LLM v0.12", FrameworkKind.TensorRtLlm },
        { "LMDeploy (TurboMind)", FrameworkKind.TensorRtLlm },
        { "SGLang", FrameworkKind.Sglang },
        { "MLC-LLM", FrameworkKind.Mlc },
        { "HF transformers", FrameworkKind.Transformers },
        { "PyTorch 2.6 + HF transformers 4.49", FrameworkKind.Transformers },
        { "hf", FrameworkKind.Transformers },
        { "ExLlamaV2", FrameworkKind.Generic },
        { "", FrameworkKind.Generic },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Framework_names_with_versions_and_backends_map_to_the_engine_they_run_like(string name, FrameworkKind kind)
    {
        Assert.Equal(kind, FrameworkProfile.Parse(name));
    }
}
