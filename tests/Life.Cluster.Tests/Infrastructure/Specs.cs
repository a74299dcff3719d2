using System.Globalization;

namespace Life.Cluster.Tests.Infrastructure;

/// <summary>Sweep specs for the cluster tests, written into the test's directory.</summary>
internal static class Specs
{
    /// <summary>
    /// 5,184 configurations. Small shards make the sweep long in shards (hundreds of claims, commits
    /// and messages: the paths faults hit) while the dataset stays small.
    /// </summary>
    public const long Configurations = 5_184;

    public static string Write(string directory, int shardSize, string name = "cluster-test")
    {
        var path = Path.Combine(directory, $"{name}.yaml");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            name: {name}
            hardware: [h100-sxm, a100-80gb, l40s, rtx-4090]
            models: [llama-2-7b, llama-3-8b, mistral-7b]
            optimizations:
              weight_bits: [16, 8, 4.5]
              kv_bits: [16, 8]
              fusion: [eager, flash]
            workload:
              batch: [1, 2, 4, 8, 16, 32]
              input_tokens: [128, 512, 2048]
              output_tokens: [64, 256]
            constraints: {"{"} fits: true, max_ttft_ms: 2000 {"}"}
            objectives: [min:tpot_ms, min:cost_per_mtok, max:throughput_tps]
            shard_size: {shardSize}
            """));
        return path;
    }

    public static long ShardCount(int shardSize) => (Configurations + shardSize - 1) / shardSize;
}
