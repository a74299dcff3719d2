using Life.Engine.Specs;

namespace Life.Engine.Parallel;

/// <summary>
/// Device-to-device time of one forward step of a replica laid out on a node topology, as a fixed
/// part (each collective call's fixed software cost and the links' latencies) and a part per token in
/// the step (bytes over links). Activations cross devices
/// as 16-bit hidden states. Per stage of L/pp layers: two all-reduces per layer over the tp group
/// (after attention and after the MLP, ring or tree, whichever is faster); in MoE layers with ep &gt; 1
/// the MLP's all-reduce becomes a dispatch and a combine all-to-all over ep devices (plus an
/// all-reduce inside the tp/ep devices sharing an expert); between stages one hand-over. A group or
/// boundary that spans nodes pays the inter-node link. A hand-over between stages is one send between
/// two devices, not a call every rank synchronizes on, so it is charged the link only (no
/// <see cref="Collectives.CallSeconds"/>).
/// </summary>
public readonly struct TopologyCosts
{
    public TopologyCosts(double secondsPerStep, double secondsPerToken)
    {
        SecondsPerStep = secondsPerStep;
        SecondsPerToken = secondsPerToken;
    }

    public double SecondsPerStep { get; }

    public double SecondsPerToken { get; }

    /// <summary>Time of a step of <paramref name="tokens"/> tokens (all sequences together).</summary>
    public double Seconds(double tokens) => SecondsPerStep + (SecondsPerToken * tokens);

    public static TopologyCosts Of(in HardwareSpec hardware, in Deployment deployment, in ModelSpec model)
    {
        var tp = Math.Max(1, deployment.TensorParallel);
        var pp = Math.Max(1, deployment.PipelineParallel);
        var ep = Math.Max(1, deployment.ExpertParallel);
        var bytesPerToken = model.HiddenSize * 2.0;
        var layersPerStage = (double)model.NumLayers / pp;
        var moeLayersPerStage = ep > 1 ? (double)model.MoeLayerCount / pp : 0;
        var denseLayersPerStage = layersPerStage - moeLayersPerStage;
        var k = Math.Max(1, model.ExpertsPerToken);
        double fixedPart = 0, perToken = 0;
        for (var stage = 0; stage < pp; stage++)
        {
            var first = stage * tp;
            if (tp > 1)
            {
                var link = Link.ForGroup(hardware, first, tp);
                var allReduces = (2 * denseLayersPerStage) + (moeLayersPerStage * (tp / ep > 1 ? 2 : 1));
                fixedPart += allReduces * Collectives.AllReduceCallSeconds(0, tp, link.BytesPerSecond, link.LatencySeconds);
                perToken += allReduces * Collectives.AllReduceSeconds(bytesPerToken, tp, link.BytesPerSecond, 0);
            }

            if (ep > 1)
            {
                // Tokens are replicated across the tp group after attention; each of the ep devices
                // dispatches its 1/ep share, k copies per token.
                var link = Link.ForGroup(hardware, first, ep);
                var allToAlls = 2 * moeLayersPerStage;
                fixedPart += allToAlls * Collectives.AllToAllCallSeconds(0, ep, link.BytesPerSecond, link.LatencySeconds);
                perToken += allToAlls * Collectives.AllToAllSeconds(bytesPerToken * k / ep, ep, link.BytesPerSecond, 0);
            }

            if (stage + 1 < pp)
            {
                var link = Link.ForGroup(hardware, first + tp - 1, 2);
                fixedPart += link.LatencySeconds;
                perToken += bytesPerToken / link.BytesPerSecond;
            }
        }

        return new TopologyCosts(fixedPart, perToken);
    }
}
