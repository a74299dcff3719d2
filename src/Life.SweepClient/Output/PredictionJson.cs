using System.Text.Json;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.SweepClient.Output;

/// <summary>The `predict --json` object: the configuration and every metric (interfaces.md names).</summary>
internal static class PredictionJson
{
    public static void Write(TextWriter output, Prediction p)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("hardware", p.Hardware.Id);
            json.WriteString("model", p.Model.Id);
            json.WriteNumber("batch", p.Workload.Batch);
            json.WriteNumber("input_tokens", p.Workload.InputTokens);
            json.WriteNumber("output_tokens", p.Workload.OutputTokens);
            json.WriteNumber("weight_bits", p.Optimizations.WeightBits);
            json.WriteNumber("act_bits", p.Optimizations.ActivationBits);
            json.WriteNumber("kv_bits", p.Optimizations.KvBits);
            json.WriteNumber("lora_rank", p.Optimizations.LoraRank);
            json.WriteString("lora_mode", OptionNames.Format(p.Optimizations.LoraMode));
            json.WriteNumber("chunk", p.Optimizations.ChunkSize);
            json.WriteString("fusion", OptionNames.Format(p.Optimizations.Fusion));
            json.WriteString("kv_cache", OptionNames.Format(p.Optimizations.KvCache));
            json.WriteString("counting", OptionNames.Format(p.Optimizations.Counting));
            json.WriteString("roofline", p.Roofline == RooflineMode.WholeModel ? "whole-model" : "per-op");
            json.WriteNumber("tp", Math.Max(1, p.Deployment.TensorParallel));
            json.WriteNumber("pp", Math.Max(1, p.Deployment.PipelineParallel));
            json.WriteNumber("ep", Math.Max(1, p.Deployment.ExpertParallel));
            json.WriteNumber("devices", Math.Max(1, p.Deployment.Devices));
            WriteMetrics(json, p.Metrics);
            json.WriteStartArray("notes");
            foreach (var note in PredictionNotes.For(p))
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static void WriteMetrics(Utf8JsonWriter json, in Metrics m)
    {
        WriteNullable(json, "ttft_ms", m.TtftMs);
        WriteNullable(json, "tpot_ms", m.TpotMs);
        WriteNullable(json, "e2e_ms", m.E2eMs);
        WriteNullable(json, "per_user_tps", m.PerUserTps);
        WriteNullable(json, "throughput_tps", m.ThroughputTps);
        WriteNullable(json, "output_tps", m.OutputTps);
        WriteNullable(json, "prefill_tps", m.PrefillTps);
        WriteNullable(json, "decode_tps", m.DecodeTps);
        WriteNullable(json, "memory_gb", m.MemoryGB);
        json.WriteBoolean("fits", m.Fits);
        WriteNullable(json, "prefill_ops", m.PrefillOps);
        WriteNullable(json, "prefill_bytes", m.PrefillBytes);
        WriteNullable(json, "decode_bytes_per_token", m.DecodeBytesPerToken);
        WriteNullable(json, "kv_cache_gib", m.KvCacheGiB);
        WriteNullable(json, "cost_per_mtok", m.CostPerMTok);
        WriteNullable(json, "energy_j_per_token", m.EnergyJPerToken);
        WriteNullable(json, "cost_per_m_output_tokens", m.CostPerMOutputTokens);
        WriteNullable(json, "energy_j_per_output_token", m.EnergyJPerOutputToken);
        WriteNullable(json, "mean_power_w", m.MeanPowerW);
        WriteNullable(json, "compute_bound_share", m.ComputeBoundShare);
        WriteNullable(json, "max_concurrency", m.MaxConcurrency);
        json.WriteNumber("waves", Math.Max(1, m.Waves));
        WriteNullable(json, "memory_per_device_gb", m.MemoryPerDeviceGB);
    }

    /// <summary>NaN (unknown, e.g. operation counts of a bucketed device) is written as null: JSON has no NaN.</summary>
    private static void WriteNullable(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
