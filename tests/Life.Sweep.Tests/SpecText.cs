using Life.Sweep.Specs;

namespace Life.Sweep.Tests;

/// <summary>Small specs for tests, parsed from YAML text.</summary>
internal static class SpecText
{
    public const string Small = """
        name: small
        hardware: [h100-sxm, rtx-4090]
        models: [llama-2-7b, mistral-7b]
        optimizations:
          weight_bits: [16, 4.5]
          fusion: [eager, flash]
        workload:
          batch: [1, 8]
          input_tokens: [128, 2048]
          output_tokens: [64]
        constraints: { fits: true, max_ttft_ms: 2000 }
        objectives: [min:tpot_ms, max:throughput_tps]
        shard_size: 10
        """;

    public static SweepSpec Parse(string yaml, bool allowHuge = false) => SweepSpecParser.Parse(yaml, "spec.yaml", Path.GetTempPath(), Shipped.Catalog, allowHuge);
}
