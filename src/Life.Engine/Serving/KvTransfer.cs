using Life.Engine.Parallel;

namespace Life.Engine.Serving;

/// <summary>
/// Disaggregated serving (xPyD): a prefill pool hands each request's KV cache to a decode pool over
/// the link between them, adding bytes / bandwidth + latency to its TTFT; decode steps then run
/// without prefills mixed in.
/// </summary>
public static class KvTransfer
{
    public static double Seconds(double kvBytes, in Link link) => Collectives.PointToPointSeconds(kvBytes, link.BytesPerSecond, link.LatencySeconds);
}
