using System.Text.Json;
using Life.Engine.Serving;

namespace Life.SweepClient.Output;

/// <summary>Serving metrics as JSON fields (snake_case; +∞ of a saturated replica as null).</summary>
internal static class ServingJson
{
    public static void WriteMetrics(Utf8JsonWriter json, in ServingMetrics m)
    {
        json.WriteBoolean("saturated", m.Saturated);
        Number(json, "ttft_p50_ms", m.TtftP50Ms);
        Number(json, "ttft_p90_ms", m.TtftP90Ms);
        Number(json, "ttft_p99_ms", m.TtftP99Ms);
        Number(json, "tpot_p50_ms", m.TpotP50Ms);
        Number(json, "tpot_p90_ms", m.TpotP90Ms);
        Number(json, "tpot_p99_ms", m.TpotP99Ms);
        Number(json, "e2e_p50_ms", m.E2eP50Ms);
        Number(json, "e2e_p90_ms", m.E2eP90Ms);
        Number(json, "e2e_p99_ms", m.E2eP99Ms);
        Number(json, "mean_batch", m.MeanBatch);
        Number(json, "mean_queue_ms", m.MeanQueueMs);
        Number(json, "step_ms", m.StepMs);
        Number(json, "output_tps", m.OutputTps);
        Number(json, "goodput_rps", m.GoodputRps);
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
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
