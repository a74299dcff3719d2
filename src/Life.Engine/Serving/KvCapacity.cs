using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Serving;

/// <summary>
/// How many sequences a replica can hold at once, as paged-KV engines (vLLM) decide it: KV blocks of
/// <see cref="BlockTokens"/> tokens fill what is left of each device's memory × gpu_memory_utilization
/// after its share of the weights and the activations of one prefill step. Per device: weights and KV
/// divide over tp × pp (KV heads replicated when tp exceeds them; an MLA latent on every tp rank);
/// activations are whole on every device.
/// </summary>
public readonly struct KvCapacity
{
    /// <summary>vLLM's default block size in tokens.</summary>
    public const int BlockTokens = 16;

    public KvCapacity(double maxConcurrency, bool modelFits, double bytesPerDevice)
    {
        MaxConcurrency = maxConcurrency;
        ModelFits = modelFits;
        BytesPerDevice = bytesPerDevice;
    }

    /// <summary>Whole sequences of the workload's final context that fit at once; 0 when not even one does.</summary>
    public double MaxConcurrency { get; }

    /// <summary>The model, one prefill's activations and one sequence's KV fit in the device's whole memory.</summary>
    public bool ModelFits { get; }

    /// <summary>Bytes per device with the whole batch resident (weights, KV of every sequence, activations).</summary>
    public double BytesPerDevice { get; }

    public static KvCapacity Of(OperatorTable table, in HardwareSpec hardware, in Deployment deployment, in Workload workload)
    {
        var input = workload.InputTokens;
        var chunk = table.Optimizations.ChunkSize;
        var stepTokens = chunk > 0 && chunk < input ? chunk : input;
        var shards = (double)Math.Max(1, deployment.TensorParallel) * Math.Max(1, deployment.PipelineParallel);
        var weights = table.WeightBytes / shards;
        var activations = table.ActivationBytes(1, stepTokens, input);
        var perSequence = SequenceBytesPerDevice(table, deployment, input + workload.OutputTokens);
        var memory = hardware.MemoryGB * 1e9;
        var utilization = deployment.MemoryUtilization > 0 ? deployment.MemoryUtilization : Deployment.DefaultMemoryUtilization;
        var budget = (memory * utilization) - weights - activations;
        var fits = weights + activations + perSequence <= memory;
        var concurrency = budget > 0 && perSequence > 0 ? Math.Floor(budget / perSequence) : 0;
        if (fits && concurrency < 1)
        {
            // Fits in the whole memory but not in the engine's share: it still runs one at a time.
            concurrency = 1;
        }

        var bytes = weights + (workload.Batch * perSequence) + table.ActivationBytes(workload.Batch, stepTokens, input);
        return new KvCapacity(concurrency, fits, bytes);
    }

    /// <summary>KV bytes (and recurrent state) one sequence of <paramref name="contextTokens"/> takes on one device, in whole blocks.</summary>
    public static double SequenceBytesPerDevice(OperatorTable table, in Deployment deployment, int contextTokens)
    {
        var tp = Math.Max(1, deployment.TensorParallel);
        var pp = Math.Max(1, deployment.PipelineParallel);
        var model = table.Model;
        double copies = model.IsMla ? tp : tp > model.NumKvHeads && model.NumKvHeads > 0 ? (double)tp / model.NumKvHeads : 1;
        var blocks = (contextTokens + BlockTokens - 1) / BlockTokens;

        // Linear-attention and Mamba state splits over tp by its heads (channels), never replicated.
        var state = table.StateBytesPerSequence;
        return (((table.KvCacheBytes((double)blocks * BlockTokens) - state) * copies) + state) / (tp * (double)pp);
    }
}
