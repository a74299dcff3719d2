namespace Life.Engine.Specs;

/// <summary>How a model is spread over several devices.</summary>
public enum Parallelism : byte
{
    /// <summary>Every operator split across devices (vLLM, TensorRT-LLM): time divides, plus two all-reduces per layer.</summary>
    Tensor = 0,

    /// <summary>Whole layers per device, run one device after another (llama.cpp's default split): no speedup, capacity adds up.</summary>
    Layer = 1,
}
