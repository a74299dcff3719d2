using Life.Engine.Timing;

namespace Life.Engine.Serving;

/// <summary>
/// A static batch larger than the KV cache holds, served as engines serve it: waves of
/// max_concurrency sequences one after another (the last one the remainder). A request of wave w
/// starts when the w waves before it have finished; the batch's TTFT and TPOT are means over its
/// requests, its end-to-end time the sum of the waves'.
/// </summary>
internal static class WaveSchedule
{
    public static Metrics Combine(in Metrics full, in Metrics last, int batch, int perWave, int waves, int inputTokens, int outputTokens)
    {
        var earlier = waves - 1;
        var lastCount = batch - (earlier * perWave);
        var e2e = (earlier * full.E2eMs) + last.E2eMs;

        // Σ over earlier waves w of (w · E2E_full + TTFT_full), then the last wave's requests.
        var ttftSum = (perWave * ((full.E2eMs * earlier * (earlier - 1) / 2) + (earlier * full.TtftMs)))
            + (lastCount * ((earlier * full.E2eMs) + last.TtftMs));
        var ttft = ttftSum / batch;
        var tpot = ((perWave * earlier * full.TpotMs) + (lastCount * last.TpotMs)) / batch;
        var throughput = batch * (double)(inputTokens + outputTokens) / (e2e / 1e3);
        var scale = full.ThroughputTps / throughput;
        return full with
        {
            TtftMs = ttft,
            TpotMs = tpot,
            E2eMs = e2e,
            PerUserTps = 1e3 / tpot,
            ThroughputTps = throughput,
            OutputTps = full.OutputTps / scale,
            PrefillTps = batch * (double)inputTokens / (ttft / 1e3),
            DecodeTps = perWave / (full.TpotMs / 1e3),
            PrefillOps = (earlier * full.PrefillOps) + last.PrefillOps,
            PrefillBytes = (earlier * full.PrefillBytes) + last.PrefillBytes,
            CostPerMTok = full.CostPerMTok * scale,
            EnergyJPerToken = full.EnergyJPerToken * scale,
            CostPerMOutputTokens = full.CostPerMOutputTokens * scale,
            EnergyJPerOutputToken = full.EnergyJPerOutputToken * scale,
            Waves = waves,
        };
    }
}
