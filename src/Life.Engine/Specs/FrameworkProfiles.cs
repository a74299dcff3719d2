namespace Life.Engine.Specs;

/// <summary>
/// The execution style of each framework. Factors of 1 mean "as the device's defaults".
/// </summary>
public static class FrameworkProfiles
{
    public static FrameworkProfile For(FrameworkKind kind) => kind switch
    {
        // ggml fuses norms, RoPE and the attention core (flash attention), keeps a preallocated cache
        // and splits layers across GPUs by default.
        FrameworkKind.LlamaCpp => new(kind, FusionLevel.Full, KvCacheMode.Static, CountingConvention.Serving, Parallelism.Layer, 1, 1, 1, 10),
        FrameworkKind.Vllm or FrameworkKind.Sglang or FrameworkKind.TensorRtLlm or FrameworkKind.Mlc =>
            new(kind, FusionLevel.Full, KvCacheMode.Static, CountingConvention.Serving, Parallelism.Tensor, 1, 1, 1, 10),

        // Hugging Face generate: SDPA (flash) attention, but each module its own kernels and a concatenating cache.
        FrameworkKind.Transformers => new(kind, FusionLevel.Flash, KvCacheMode.Concat, CountingConvention.Serving, Parallelism.Layer, 1, 1, 1, 10),
        _ => new(kind, FusionLevel.Full, KvCacheMode.Static, CountingConvention.Serving, Parallelism.Tensor, 1, 1, 1, 10),
    };
}
