using System.Text.Json;
using Life.Engine.Catalog;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Sweep.Specs;

/// <summary>The canonical JSON form of a resolved spec (for hashing, file metadata and sweep.json).</summary>
internal static class SweepSpecJson
{
    public static string Write(SweepSpec spec)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(json, spec);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes the spec as a spec: hardware and models inline with every resolved number, so the
    /// result parses back (<see cref="SweepSpecParser"/>) to the same spec and the same hash.
    /// </summary>
    public static void Write(Utf8JsonWriter json, SweepSpec spec)
    {
        json.WriteStartObject();
        json.WriteString("name", spec.Name);
        json.WriteStartArray("hardware");
        foreach (var h in spec.Hardware)
        {
            WriteHardware(json, h);
        }

        json.WriteEndArray();
        json.WriteStartArray("models");
        foreach (var m in spec.Models)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            json.WriteString("model_type", m.ModelType);
            json.WriteNumber("hidden_size", m.HiddenSize);
            json.WriteNumber("num_hidden_layers", m.NumLayers);
            json.WriteNumber("num_attention_heads", m.NumHeads);
            json.WriteNumber("num_key_value_heads", m.NumKvHeads);
            json.WriteNumber("head_dim", m.HeadDim);
            json.WriteNumber("intermediate_size", m.IntermediateSize);
            json.WriteNumber("vocab_size", m.VocabSize);
            json.WriteBoolean("tie_word_embeddings", m.TieWordEmbeddings);
            json.WriteString("hidden_act", m.HiddenAct);
            json.WriteNumber("max_position_embeddings", m.MaxPositionEmbeddings);
            json.WriteNumber("sliding_window", m.SlidingWindow);
            json.WriteNumber("sliding_window_layers", m.SlidingWindowLayers);
            json.WriteBoolean("attention_bias", m.AttentionBias);
            json.WriteBoolean("mlp_gated", m.MlpGated);
            json.WriteBoolean("layer_norm", m.Norm == NormKind.LayerNorm);
            json.WriteNumber("norms_per_layer", m.NormsPerLayer);
            json.WriteNumber("kv_lora_rank", m.KvLoraRank);
            json.WriteNumber("q_lora_rank", m.QLoraRank);
            json.WriteNumber("qk_rope_head_dim", m.QkRopeHeadDim);
            json.WriteNumber("qk_nope_head_dim", m.QkNopeHeadDim);
            json.WriteNumber("v_head_dim", m.VHeadDim);
            json.WriteNumber("num_local_experts", m.NumExperts);
            json.WriteNumber("num_experts_per_tok", m.ExpertsPerToken);
            json.WriteNumber("moe_intermediate_size", m.MoeIntermediateSize);
            json.WriteNumber("n_shared_experts", m.NumSharedExperts);
            json.WriteNumber("first_k_dense_replace", m.FirstDenseLayers);
            json.WriteNumber("moe_layer_freq", m.MoeLayerFrequency);
            WriteHybridLayers(json, m);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteSection(json, "optimizations", spec, DimensionKeys.OptimizationKeys);
        // Without it two specs differing only in their layouts hashed alike, and a silo reading the
        // canonical form back lost tp/pp/ep.
        if (spec.Find(DimensionKeys.Tp) is not null || spec.Find(DimensionKeys.Pp) is not null || spec.Find(DimensionKeys.Ep) is not null)
        {
            WriteSection(json, "parallelism", spec, DimensionKeys.ParallelismKeys);
        }

        if (spec.Find(DimensionKeys.SpecK) is not null || spec.Find(DimensionKeys.SpecAlpha) is not null || spec.Find(DimensionKeys.DraftCost) is not null)
        {
            WriteSection(json, "speculative", spec, DimensionKeys.SpeculativeKeys);
        }

        if (spec.Disaggregation is { } shapes)
        {
            json.WriteStartArray("disaggregation");
            foreach (var shape in shapes)
            {
                if (shape.IsColocated)
                {
                    json.WriteStringValue("none");
                    continue;
                }

                json.WriteStartObject();
                json.WriteNumber("prefill", shape.PrefillReplicas);
                json.WriteNumber("decode", shape.DecodeReplicas);
                if (shape.DecodeHardware is { } decode)
                {
                    json.WritePropertyName("decode_hardware");
                    WriteHardware(json, decode);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteSection(json, "workload", spec, DimensionKeys.WorkloadKeys);
        if (spec.Slo is { } slo)
        {
            json.WriteStartObject("slo");
            WriteFinite(json, "ttft_p99_ms", slo.TtftP99Ms);
            WriteFinite(json, "tpot_p99_ms", slo.TpotP99Ms);
            json.WriteEndObject();
        }

        if (spec.Scheduler.MaxNumSeqs != Life.Engine.Serving.SchedulerConfig.Default.MaxNumSeqs
            || spec.Scheduler.MaxNumBatchedTokens != Life.Engine.Serving.SchedulerConfig.Default.MaxNumBatchedTokens)
        {
            // Left out at the defaults, so specs written before the key hash as they did.
            json.WriteStartObject("scheduler");
            json.WriteNumber("max_num_seqs", spec.Scheduler.MaxNumSeqs);
            json.WriteNumber("max_num_batched_tokens", spec.Scheduler.MaxNumBatchedTokens);
            json.WriteEndObject();
        }

        json.WriteStartObject("constraints");
        if (spec.Constraints.MustFit is { } fit)
        {
            json.WriteBoolean("fits", fit);
        }

        foreach (var bound in spec.Constraints.Bounds)
        {
            json.WriteNumber(bound.ToString(), bound.Limit);
        }

        json.WriteEndObject();
        if (spec.Objectives.Count > 0)
        {
            // An empty list is not a valid spec: leave the key out, as the author did.
            json.WriteStartArray("objectives");
            foreach (var objective in spec.Objectives)
            {
                json.WriteStringValue(objective.ToString());
            }

            json.WriteEndArray();
        }
        json.WriteNumber("shard_size", spec.ShardSize);
        json.WriteString("roofline", spec.Roofline == RooflineMode.WholeModel ? "whole-model" : "per-op");

        // The one part of the defaults that rows read and the resolved numbers above do not show.
        json.WritePropertyName("format_scales");
        json.WriteRawValue(spec.Efficiency.FormatScalesCanonicalJson);
        json.WriteEndObject();
    }

    // Every field a row reads: a worker rebuilds the hardware from this form, so a field left out here
    // (the node topology, FP4) would make a cluster's collectives or FP4 GEMMs differ from a local run's.
    private static void WriteHardware(Utf8JsonWriter json, in HardwareSpec h)
    {
        json.WriteStartObject();
        json.WriteString("id", h.Id);
        json.WriteString("name", h.Name);
        json.WriteString("device_class", HardwareJson.FormatDeviceClass(h.DeviceClass));
        json.WriteString("vendor", Vendors.Name(h.Vendor));
        if (h.Buckets is { } buckets)
        {
            // Inline, so workers on other machines need no profile file.
            json.WriteString("kind", "bucketed");
            json.WritePropertyName("profile");
            json.WriteRawValue(Life.Engine.Lens.BucketProfileJson.ToJson(buckets));
        }

        json.WriteNumber("fp16_tflops", h.Fp16Tflops);
        json.WriteNumber("fp8_tflops", h.Fp8Tflops);
        json.WriteNumber("fp4_tflops", h.Fp4Tflops);
        json.WriteNumber("int8_tops", h.Int8Tops);
        json.WriteNumber("int4_tops", h.Int4Tops);
        json.WriteNumber("bandwidth_gbs", h.BandwidthGBs);
        json.WriteNumber("memory_gb", h.MemoryGB);
        json.WriteNumber("compute_efficiency", h.ComputeEfficiency);
        json.WriteNumber("memory_efficiency", h.MemoryEfficiency);
        json.WriteNumber("dispatch_us", h.DispatchOverheadUs);
        json.WriteNumber("half_efficiency_tokens", h.HalfEfficiencyTokens);
        json.WriteNumber("overlap", h.ComputeMemoryOverlap);
        WriteOptional(json, "price_usd", h.PriceUsd);
        WriteOptional(json, "price_usd_per_hour", h.PriceUsdPerHour);
        WriteOptional(json, "power_w", h.PowerW);
        WriteOptional(json, "idle_power_w", h.IdlePowerW);
        json.WriteNumber("interconnect_gbs", h.InterconnectGBs);
        json.WriteNumber("devices_per_node", h.DevicesPerNode);
        json.WriteNumber("intra_node_gbs", h.IntraNodeGBs);
        json.WriteNumber("intra_node_latency_us", h.IntraNodeLatencyUs);
        json.WriteNumber("inter_node_gbs", h.InterNodeGBs);
        json.WriteNumber("inter_node_latency_us", h.InterNodeLatencyUs);

        json.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter json, string section, SweepSpec spec, IReadOnlyList<string> keys)
    {
        json.WriteStartObject(section);
        foreach (var key in keys)
        {
            if (spec.Find(key) is not { } dimension)
            {
                continue;
            }

            json.WriteStartArray(key);
            for (var i = 0; i < dimension.Count; i++)
            {
                if (dimension.Kind == DimensionKind.Text)
                {
                    json.WriteStringValue(dimension.Texts[i]);
                }
                else
                {
                    json.WriteNumberValue(dimension.Numbers[i]);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
    }

    /// <summary>
    /// Hybrid (linear-attention, Mamba) layers and Qwen3-Next's gated attention, only for models that have
    /// them, so specs of attention-only models (and their hashes) are unchanged.
    /// </summary>
    private static void WriteHybridLayers(Utf8JsonWriter json, in ModelSpec m)
    {
        if (m.MlpBias is { } mlpBias && mlpBias == m.MlpGated)
        {
            // Only a bias that differs from the default (plain MLPs have one, gated ones not), as for NemotronH.
            json.WriteBoolean("mlp_bias", mlpBias);
        }

        if (m.MoeLayerOffset != 0)
        {
            json.WriteNumber("moe_layer_offset", m.MoeLayerOffset);
        }

        if (m.AttentionOutputGate || m.ModelType == "qwen3_next")
        {
            json.WriteBoolean("attn_output_gate", m.AttentionOutputGate);
        }

        if (string.IsNullOrEmpty(m.LayerMixers))
        {
            return;
        }

        json.WriteString("layer_mixers", m.LayerMixers);
        json.WriteNumber("linear_num_key_heads", m.LinearKeyHeads);
        json.WriteNumber("linear_num_value_heads", m.LinearValueHeads);
        json.WriteNumber("linear_key_head_dim", m.LinearKeyHeadDim);
        json.WriteNumber("linear_value_head_dim", m.LinearValueHeadDim);
        json.WriteNumber("linear_conv_kernel_dim", m.ConvKernel);
        json.WriteNumber("mamba_d_conv", m.ConvKernel);
        json.WriteNumber("mamba_d_ssm", m.MambaInnerSize);
        json.WriteNumber("mamba_d_state", m.MambaStateSize);
        json.WriteNumber("mamba_n_heads", m.MambaHeads);
        json.WriteNumber("mamba_n_groups", m.MambaGroups);
        json.WriteNumber("mamba_dt_rank", m.MambaDtRank);
        json.WriteString("mamba_ssm_dtype", m.StateBits == 32 ? "float32" : "bfloat16");
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double value)
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
