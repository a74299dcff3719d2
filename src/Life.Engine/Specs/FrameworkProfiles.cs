using Life.Engine.Calibration;

namespace Life.Engine.Specs;

/// <summary>
/// The execution style of each framework, with the kernel factors fitted from measurements
/// (<see cref="EfficiencyDefaults"/>).
/// </summary>
public static class FrameworkProfiles
{
    public static FrameworkProfile For(FrameworkKind kind, EfficiencyDefaults efficiency)
    {
        ArgumentNullException.ThrowIfNull(efficiency);
        var f = efficiency.ForFramework(kind);
        return kind switch
        {
            // ggml runs each operator as its own kernel with the attention scores materialized (no
            // flash attention by default in the measured versions), processes prompts in micro-batches
            // of 512 tokens, keeps a preallocated cache and splits layers across GPUs, pipelining the
            // micro-batches of each 2048-token batch (4 at a time) through them. ggml's products and
            // softmax write F32 tensors, so the materialized scores take 4 bytes each.
            FrameworkKind.LlamaCpp => new(kind, FusionLevel.Eager, KvCacheMode.Static, CountingConvention.Serving, Parallelism.Layer, f.Compute, f.Memory, f.Dispatch, f.CollectiveLatencyUs, 512, 4, 32, f.Attention, f.AttentionMemory),

            // Serving engines: fused kernels, paged cache, tensor parallelism.
            FrameworkKind.Vllm or FrameworkKind.Sglang or FrameworkKind.TensorRtLlm or FrameworkKind.Mlc =>
                new(kind, FusionLevel.Full, KvCacheMode.Static, CountingConvention.Serving, Parallelism.Tensor, f.Compute, f.Memory, f.Dispatch, f.CollectiveLatencyUs, 0, 0, 16, f.Attention, f.AttentionMemory),

            // Hugging Face generate: SDPA (flash) attention, each module its own kernels, a concatenating cache.
            FrameworkKind.Transformers => new(kind, FusionLevel.Flash, KvCacheMode.Concat, CountingConvention.Serving, Parallelism.Layer, f.Compute, f.Memory, f.Dispatch, f.CollectiveLatencyUs, 0, 0, 16, f.Attention, f.AttentionMemory),
            _ => new(kind, FusionLevel.Full, KvCacheMode.Static, CountingConvention.Serving, Parallelism.Tensor, f.Compute, f.Memory, f.Dispatch, f.CollectiveLatencyUs, 0, 0, 16, f.Attention, f.AttentionMemory),
        };
    }
}
