using System.Globalization;
using Life.Engine.Specs;

namespace Life.SweepClient.Output;

/// <summary>The human-readable `predict` report.</summary>
internal static class PredictionText
{
    public static void Write(TextWriter output, Prediction p)
    {
        var m = p.Metrics;
        var o = p.Optimizations;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{p.Model.Id} on {p.Hardware.Id}: batch {p.Workload.Batch}, {p.Workload.InputTokens} tokens in, {p.Workload.OutputTokens} out"));
        var chunk = o.ChunkSize > 0 ? string.Create(c, $", chunk {o.ChunkSize}") : string.Empty;
        var lora = o.LoraRank > 0 ? string.Create(c, $", LoRA r={o.LoraRank} {OptionNames.Format(o.LoraMode)}") : string.Empty;
        output.WriteLine(string.Create(c, $"  weights {o.WeightBits} bit, activations {o.ActivationBits} bit, KV {o.KvBits} bit, fusion {OptionNames.Format(o.Fusion)}, KV cache {OptionNames.Format(o.KvCache)}{chunk}{lora}"));
        foreach (var note in PredictionNotes.For(p))
        {
            output.WriteLine($"  note: {note}");
        }

        output.WriteLine();
        Row(output, "TTFT", m.TtftMs, "ms");
        Row(output, "TPOT", m.TpotMs, "ms");
        Row(output, "end to end", m.E2eMs, "ms");
        Row(output, "per-user speed", m.PerUserTps, "tokens/s");
        Row(output, "output speed", m.OutputTps, "generated tokens/s (batch · output / end to end)");
        Row(output, "throughput", m.ThroughputTps, "tokens/s, prompt + generated");
        Row(output, "prefill", m.PrefillTps, "tokens/s");
        Row(output, "decode", m.DecodeTps, "tokens/s");
        Row(output, "memory", m.MemoryGB, MemoryNote(p, c));
        Row(output, "KV cache", m.KvCacheGiB, "GiB");
        Row(output, "max concurrency", m.MaxConcurrency, m.Waves > 1 ? string.Create(c, $"sequences at once: the batch runs in {m.Waves} waves") : "sequences at once");
        Row(output, "prefill work", m.PrefillOps / 1e12, "Tops");
        Row(output, "decode traffic", m.DecodeBytesPerToken / 1e9, "GB per token");
        Row(output, "compute-bound", m.ComputeBoundShare * 100, "% of time");
        if (double.IsFinite(m.CostPerMTok))
        {
            Row(output, "cost", m.CostPerMOutputTokens, "USD per million generated tokens");
            Row(output, "cost, all tokens", m.CostPerMTok, "USD per million tokens, prompt + generated");
        }

        if (double.IsFinite(m.EnergyJPerToken))
        {
            Row(output, "energy", m.EnergyJPerOutputToken, "J per generated token");
            Row(output, "energy, all", m.EnergyJPerToken, "J per token, prompt + generated");
            Row(output, "mean power", m.MeanPowerW, "W (idle + load share of TDP)");
        }
    }

    private static string MemoryNote(Prediction p, CultureInfo c)
    {
        if (p.Hardware.IsBucketed && p.Hardware.MemoryGB <= 0)
        {
            return "GB (device capacity unknown)";
        }

        return p.Workload.Batch > 0 && p.Metrics.Fits ? $"GB (fits in {p.Hardware.MemoryGB.ToString(c)} GB)" : $"GB (DOES NOT FIT in {p.Hardware.MemoryGB.ToString(c)} GB)";
    }

    private static void Row(TextWriter output, string label, double value, string unit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-16}{Format(value),12}  {unit}"));

    private static string Format(double value) => Math.Abs(value) switch
    {
        double.NaN => "-",
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F3", CultureInfo.InvariantCulture),
    };
}
