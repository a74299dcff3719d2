using Life.Engine.Timing;

namespace Life.Engine.Serving;

/// <summary>
/// A static-batch forecast with speculative decoding: the verification pass of k + 1 tokens per
/// sequence at the mean decode context is timed against a plain decode step with
/// <see cref="StepCost"/>, and TPOT scales by <see cref="SpeculativeDecoding.TpotFactor"/>; TTFT is unchanged.
/// </summary>
public static class SpeculativeMetrics
{
    public static Metrics Apply(in Metrics plain, in StepCost cost, in SpeculativeDecoding speculative, int batch, int inputTokens, int outputTokens)
    {
        if (!speculative.IsOn || outputTokens <= 1)
        {
            return plain;
        }

        var concurrent = plain.Waves > 1 ? plain.MaxConcurrency : batch;
        var context = inputTokens + (outputTokens / 2.0);
        var decode = cost.Seconds(concurrent, context, 0, 0, 0);
        var verify = cost.VerifySeconds(concurrent, concurrent * (speculative.Proposed + 1.0), context);
        var factor = speculative.TpotFactor(verify / decode);
        var tpot = plain.TpotMs * factor;
        var e2e = plain.E2eMs + ((outputTokens - 1) * (tpot - plain.TpotMs) * (plain.Waves > 1 ? plain.Waves : 1));
        var scale = plain.E2eMs / e2e;
        return plain with
        {
            TpotMs = tpot,
            E2eMs = e2e,
            PerUserTps = 1e3 / tpot,
            DecodeTps = plain.DecodeTps / factor,
            ThroughputTps = plain.ThroughputTps * scale,
            OutputTps = plain.OutputTps * scale,
            CostPerMTok = plain.CostPerMTok / scale,
            EnergyJPerToken = plain.EnergyJPerToken / scale,
            CostPerMOutputTokens = plain.CostPerMOutputTokens / scale,
            EnergyJPerOutputToken = plain.EnergyJPerOutputToken / scale,
        };
    }
}
