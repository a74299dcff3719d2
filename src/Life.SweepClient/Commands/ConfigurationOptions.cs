using System.CommandLine;
using Life.Engine;
using Life.Sweep.Inputs;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.SweepClient.Commands;

/// <summary>The options that describe one configuration (interfaces.md, `predict` flags).</summary>
internal sealed class ConfigurationOptions
{
    private readonly CatalogReferences _references;

    public ConfigurationOptions(CatalogReferences references)
    {
        _references = references;
    }

    public Option<string?> Hardware { get; } = new("--hardware") { Description = "Catalog hardware id or alias, or a hardware JSON file" };

    public Option<double?> Tflops { get; } = new("--tflops") { Description = "Inline hardware: dense FP16/BF16 TFLOPS (with --bandwidth-gbs)" };

    public Option<double?> BandwidthGBs { get; } = new("--bandwidth-gbs") { Description = "Inline hardware: memory bandwidth in GB/s" };

    public Option<double?> MemoryGB { get; } = new("--memory-gb") { Description = "Memory capacity in GB (inline hardware, or overriding the catalog)" };

    public Option<double?> Int8Tops { get; } = new("--int8-tops") { Description = "Inline hardware: INT8 TOPS" };

    public Option<string> Model { get; } = new("--model") { Description = "Catalog model id, or a Hugging Face config.json", Required = true };

    public Option<double> WeightBits { get; } = new("--weight-bits") { Description = "Bits per weight (4.5 = 4-bit with block scales)", DefaultValueFactory = _ => 16 };

    public Option<double> ActBits { get; } = new("--act-bits") { Description = "Bits of activations fed to Linear layers", DefaultValueFactory = _ => 16 };

    public Option<string> ActFormat { get; } = new Option<string>("--act-format") { Description = "int (INT8/INT4 GEMMs, default) | fp (FP8/FP4 GEMMs) for --act-bits below 16", DefaultValueFactory = _ => "int" }
        .AcceptOnlyFromAmong([.. OptionNames.ActivationFormats]);

    public Option<double> KvBits { get; } = new("--kv-bits") { Description = "Bits per KV-cache element", DefaultValueFactory = _ => 16 };

    public Option<int> QuantGroup { get; } = new("--quant-group") { Description = "Weights per quantization group (integer weight bits)", DefaultValueFactory = _ => 128 };

    public Option<int> Batch { get; } = new("--batch") { Description = "Concurrent sequences", DefaultValueFactory = _ => 1 };

    public Option<int> Input { get; } = new("--input") { Description = "Prompt tokens per sequence", DefaultValueFactory = _ => 512 };

    public Option<int> Output { get; } = new("--output") { Description = "Generated tokens per sequence", DefaultValueFactory = _ => 128 };

    public Option<int> LoraRank { get; } = new("--lora-rank") { Description = "LoRA rank on every projection (0: none)", DefaultValueFactory = _ => 0 };

    public Option<string> LoraMode { get; } = new Option<string>("--lora-mode") { Description = "unmerged | merged | merge-inline", DefaultValueFactory = _ => "unmerged" }
        .AcceptOnlyFromAmong([.. OptionNames.LoraModes]);

    public Option<int> Chunk { get; } = new("--chunk") { Description = "Chunked-prefill chunk size in tokens (0: whole prompt)", DefaultValueFactory = _ => 0 };

    public Option<string> Fusion { get; } = new Option<string>("--fusion") { Description = "eager | flash | full", DefaultValueFactory = _ => "full" }
        .AcceptOnlyFromAmong([.. OptionNames.FusionLevels]);

    public Option<string> KvCache { get; } = new Option<string>("--kv-cache") { Description = "static (paged/preallocated) | concat (eager Hugging Face)", DefaultValueFactory = _ => "static" }
        .AcceptOnlyFromAmong([.. OptionNames.KvCacheModes]);

    public Option<string> Counting { get; } = new Option<string>("--counting") { Description = "serving | life (LIFE paper's accounting)", DefaultValueFactory = _ => "serving" }
        .AcceptOnlyFromAmong([.. OptionNames.CountingConventions]);

    public Option<double?> ComputeEff { get; } = new("--compute-eff") { Description = "Fraction of peak compute reached (overrides the device default)" };

    public Option<double?> MemoryEff { get; } = new("--memory-eff") { Description = "Fraction of peak bandwidth reached (overrides the device default)" };

    public Option<double?> DispatchUs { get; } = new("--dispatch-us") { Description = "Per-kernel launch overhead in microseconds (overrides the device default)" };

    public Option<string> Roofline { get; } = new Option<string>("--roofline") { Description = "per-op (default) | whole-model (LIFE's form)", DefaultValueFactory = _ => "per-op" }
        .AcceptOnlyFromAmong("per-op", "whole-model");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            Hardware, Tflops, BandwidthGBs, MemoryGB, Int8Tops, Model, WeightBits, ActBits, ActFormat, KvBits, QuantGroup, Batch, Input, Output,
            LoraRank, LoraMode, Chunk, Fusion, KvCache, Counting, ComputeEff, MemoryEff, DispatchUs, Roofline,
        })
        {
            command.Options.Add(option);
        }
    }

    public HardwareSpec ReadHardware(ParseResult parse)
    {
        var reference = parse.GetValue(Hardware);
        var tflops = parse.GetValue(Tflops);
        var bandwidth = parse.GetValue(BandwidthGBs);
        HardwareSpec spec;
        if (reference is not null)
        {
            if (tflops is not null || bandwidth is not null)
            {
                throw new EngineInputException("give either --hardware or inline --tflops/--bandwidth-gbs, not both");
            }

            spec = _references.ResolveHardware(reference);
        }
        else if (tflops is not null && bandwidth is not null)
        {
            spec = new HardwareSpec
            {
                Id = "inline",
                Name = "inline",
                Fp16Tflops = tflops.Value,
                BandwidthGBs = bandwidth.Value,
                MemoryGB = parse.GetValue(MemoryGB) ?? 80,
                Int8Tops = parse.GetValue(Int8Tops) ?? 0,
            };
        }
        else
        {
            throw new EngineInputException("no hardware: give --hardware NAME|FILE.json, or --tflops X --bandwidth-gbs Y");
        }

        spec = spec with
        {
            MemoryGB = parse.GetValue(MemoryGB) ?? spec.MemoryGB,
            Int8Tops = parse.GetValue(Int8Tops) ?? spec.Int8Tops,
            ComputeEfficiency = parse.GetValue(ComputeEff) ?? spec.ComputeEfficiency,
            MemoryEfficiency = parse.GetValue(MemoryEff) ?? spec.MemoryEfficiency,
            DispatchOverheadUs = parse.GetValue(DispatchUs) ?? spec.DispatchOverheadUs,
        };
        spec.Validate();
        return spec;
    }

    public ModelSpec ReadModel(ParseResult parse) => _references.ResolveModel(parse.GetRequiredValue(Model));

    public Optimizations ReadOptimizations(ParseResult parse)
    {
        var options = new Optimizations
        {
            WeightBits = parse.GetValue(WeightBits),
            ActivationBits = parse.GetValue(ActBits),
            ActivationFormat = OptionNames.ParseActivationFormat(parse.GetRequiredValue(ActFormat)),
            KvBits = parse.GetValue(KvBits),
            QuantGroupSize = parse.GetValue(QuantGroup),
            LoraRank = parse.GetValue(LoraRank),
            LoraMode = OptionNames.ParseLoraMode(parse.GetRequiredValue(LoraMode)),
            ChunkSize = parse.GetValue(Chunk),
            Fusion = OptionNames.ParseFusion(parse.GetRequiredValue(Fusion)),
            KvCache = OptionNames.ParseKvCache(parse.GetRequiredValue(KvCache)),
            Counting = OptionNames.ParseCounting(parse.GetRequiredValue(Counting)),
        };
        options.Validate();
        return options;
    }

    public Workload ReadWorkload(ParseResult parse)
    {
        var workload = new Workload(parse.GetValue(Batch), parse.GetValue(Input), parse.GetValue(Output));
        workload.Validate();
        return workload;
    }

    public RooflineMode ReadRoofline(ParseResult parse) =>
        parse.GetValue(Roofline) == "whole-model" ? RooflineMode.WholeModel : RooflineMode.PerOperator;
}
