using FsCheck;
using FsCheck.Fluent;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Timing;

/// <summary>Properties that must hold for every configuration (FsCheck, random workloads and options).</summary>
public sealed class EvaluatorPropertyTests
{
    private static readonly string[] Models = ["llama-2-7b", "llama-3-8b", "mistral-7b", "gemma-2-2b", "mixtral-8x7b", "deepseek-v2-lite"];

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<Optimizations> OptionsGen =>
        from weight in Gen.Elements(16.0, 8.0, 4.5, 4.0)
        from kv in Gen.Elements(16.0, 8.0, 4.0)
        from fusion in Gen.Elements(FusionLevel.Eager, FusionLevel.Flash, FusionLevel.Full)
        from cache in Gen.Elements(KvCacheMode.Static, KvCacheMode.Concat)
        from chunk in Gen.Elements(0, 256, 512)
        from lora in Gen.Elements(0, 16)
        select new Optimizations { WeightBits = weight, KvBits = kv, Fusion = fusion, KvCache = cache, ChunkSize = chunk, LoraRank = lora };

    private static Gen<Workload> WorkloadGen =>
        from batch in Gen.Choose(1, 64)
        from input in Gen.Choose(1, 8192)
        from output in Gen.Choose(1, 2048)
        select new Workload(batch, input, output);

    private static Gen<HardwareSpec> DeviceGen =>
        from id in Gen.Elements("h100-sxm", "rtx-4090", "m2-max", "ryzen-9-hx-370-cpu", "l4")
        select Shipped.Catalog.ResolveHardware(id);

    [Fact]
    public void More_bandwidth_never_slows_a_configuration_down()
    {
        var cases =
            from model in Gen.Elements(Models)
            from options in OptionsGen
            from work in WorkloadGen
            from device in DeviceGen
            from factor in Gen.Choose(101, 400)
            select (model, options, work, device, factor / 100.0);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var table = OperatorTable.Build(Shipped.Catalog.ResolveModel(c.model), c.options, Shipped.Defaults);
            var slow = Evaluator.Evaluate(table, c.device, c.work);
            var fast = Evaluator.Evaluate(table, c.device with { BandwidthGBs = c.device.BandwidthGBs * c.Item5 }, c.work);
            return fast.TtftMs <= slow.TtftMs * (1 + 1e-12) && fast.TpotMs <= slow.TpotMs * (1 + 1e-12);
        }).Check(Runs);
    }

    [Fact]
    public void Time_per_output_token_grows_with_the_context()
    {
        var cases =
            from model in Gen.Elements(Models)
            from options in OptionsGen
            from work in WorkloadGen
            from device in DeviceGen
            from extra in Gen.Choose(1, 8192)
            select (model, options, work, device, extra);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var table = OperatorTable.Build(Shipped.Catalog.ResolveModel(c.model), c.options, Shipped.Defaults);
            var shorter = Evaluator.Evaluate(table, c.device, c.work);
            var longer = Evaluator.Evaluate(table, c.device, c.work with { InputTokens = c.work.InputTokens + c.extra });

            // At equal concurrency: a longer context that no longer fits at once is served in smaller
            // waves, whose steps are rightly shorter.
            return longer.Waves > 1 || longer.TpotMs >= shorter.TpotMs * (1 - 1e-12);
        }).Check(Runs);
    }

    [Fact]
    public void Int4_never_reads_more_weight_bytes_than_bf16()
    {
        var cases =
            from model in Gen.Elements(Models)
            from options in OptionsGen
            from work in WorkloadGen
            select (model, options, work);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var spec = Shipped.Catalog.ResolveModel(c.model);
            var int4 = OperatorTable.Build(spec, c.options with { WeightBits = 4 }, Shipped.Defaults);
            var bf16 = OperatorTable.Build(spec, c.options with { WeightBits = 16 }, Shipped.Defaults);
            return int4.WeightBytesReadPerStep <= bf16.WeightBytesReadPerStep
                && int4.WeightBytes <= bf16.WeightBytes
                && int4.CountStep(c.work.Batch, 1, c.work.InputTokens).BytesRead <= bf16.CountStep(c.work.Batch, 1, c.work.InputTokens).BytesRead;
        }).Check(Runs);
    }
}
