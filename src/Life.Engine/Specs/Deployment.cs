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
        TensorParallel = parallelism == Parallelism.Tensor ? devices : 1;
        PipelineParallel = parallelism == Parallelism.Layer ? devices : 1;
        ExpertParallel = 1;
        MemoryUtilization = DefaultMemoryUtilization;
    }

    /// <summary>vLLM's default gpu_memory_utilization: the share of device memory the engine may take for weights, activations and KV blocks.</summary>
    public const double DefaultMemoryUtilization = 0.9;

    public static Deployment Single => new(1, Parallelism.Tensor, 0);

    /// <summary>One device with no expert split is the plain single-device replica (no collectives); any other plan is <see cref="For"/>.</summary>
    public static Deployment Of(in Life.Engine.Parallel.ParallelPlan plan) =>
        plan.Devices == 1 && plan.Expert == 1 ? Single : For(plan);

    /// <summary>
    /// A replica laid out by <paramref name="plan"/>; its collectives are timed on the hardware's node
    /// topology (<see cref="UsesTopology"/>) instead of a framework's fixed latency.
    /// </summary>
    public static Deployment For(in Life.Engine.Parallel.ParallelPlan plan) =>
        new(plan.Devices, plan.Tensor == 1 && plan.Pipeline > 1 ? Parallelism.Layer : Parallelism.Tensor, 0)
        {
            TensorParallel = plan.Tensor,
            PipelineParallel = plan.Pipeline,
            ExpertParallel = plan.Expert,
            UsesTopology = true,
        };

    /// <summary>Devices that split every operator (all of them for a tensor split, 1 for a layer split).</summary>
    public int TensorParallel { get; init; }

    /// <summary>Pipeline stages, each holding a contiguous share of the layers.</summary>
    public int PipelineParallel { get; init; }

    /// <summary>Devices of a stage the experts are spread over (1: experts split like every other operator).</summary>
    public int ExpertParallel { get; init; }

    /// <summary>True when collectives are timed on the hardware's node topology (ring/tree, all-to-all, hand-overs).</summary>
    public bool UsesTopology { get; init; }

    /// <summary>Share of each device's memory the engine may use (gpu_memory_utilization); KV blocks take what weights and activations leave.</summary>
    public double MemoryUtilization { get; init; }

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

        if (!(MemoryUtilization > 0 && MemoryUtilization <= 1))
        {
            throw new EngineInputException($"gpu memory utilization = {MemoryUtilization} must be in (0, 1]");
        }
    }
}
