namespace Life.Engine.Specs;

/// <summary>
/// How many devices a configuration runs on and how the model is split across them. One device by
/// default. Collective latency is the fixed cost of one synchronization between devices (an
/// all-reduce, or a hand-over between layer groups).
/// </summary>
public readonly struct Deployment
{
    public Deployment(int devices, Parallelism parallelism, double collectiveLatencyUs, int pipelineChunks = 0)
    {
        Devices = devices;
        Parallelism = parallelism;
        CollectiveLatencyUs = collectiveLatencyUs;
        PipelineChunks = pipelineChunks;
    }

    public static Deployment Single => new(1, Parallelism.Tensor, 0);

    /// <summary>
    /// With a layer split, prefill chunks are pipelined through the devices in groups of this many
    /// (llama.cpp: a batch of 2048 tokens in micro-batches of 512 = 4); 0 pipelines all chunks at once.
    /// </summary>
    public int PipelineChunks { get; init; }

    public int Devices { get; init; }

    public Parallelism Parallelism { get; init; }

    public double CollectiveLatencyUs { get; init; }

    public bool IsMultiDevice => Devices > 1;

    public void Validate()
    {
        if (Devices < 1)
        {
            throw new EngineInputException($"devices = {Devices} must be at least 1");
        }

        if (CollectiveLatencyUs < 0 || !double.IsFinite(CollectiveLatencyUs))
        {
            throw new EngineInputException($"collective latency = {CollectiveLatencyUs} µs is out of range");
        }
    }
}
