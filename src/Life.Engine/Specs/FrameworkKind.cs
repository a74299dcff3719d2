namespace Life.Engine.Specs;

/// <summary>Serving frameworks the engine knows the execution style of (measurements name them).</summary>
public enum FrameworkKind : byte
{
    /// <summary>Not named: a generic fused serving stack.</summary>
    Generic = 0,
    LlamaCpp = 1,
    Vllm = 2,
    TensorRtLlm = 3,

    /// <summary>Hugging Face transformers in eager PyTorch (LIFE's measurements).</summary>
    Transformers = 4,
    Sglang = 5,
    Mlc = 6,
}
