namespace Life.Engine.Parallel;

/// <summary>
/// Times of collectives on a link of bandwidth B (bytes/s per direction) and per-hop latency L (s),
/// for S bytes per device and n devices (the α–β model NCCL's tuner uses).
/// </summary>
public static class Collectives
{
    /// <summary>Ring all-reduce: a reduce-scatter and an all-gather of n − 1 steps each, each step moving S/n: 2(n−1)/n·S/B + 2(n−1)·L.</summary>
    public static double RingAllReduceSeconds(double bytes, int devices, double bytesPerSecond, double latencySeconds) =>
        devices <= 1 ? 0 : (2.0 * (devices - 1) / devices * bytes / bytesPerSecond) + (2.0 * (devices - 1) * latencySeconds);

    /// <summary>
    /// Tree all-reduce (NCCL's double binary tree): a reduce up and a broadcast down, ⌈log2 n⌉ hops
    /// each, pipelined so the bandwidth term matches the ring's: 2(n−1)/n·S/B + 2⌈log2 n⌉·L.
    /// </summary>
    public static double TreeAllReduceSeconds(double bytes, int devices, double bytesPerSecond, double latencySeconds) =>
        devices <= 1 ? 0 : (2.0 * (devices - 1) / devices * bytes / bytesPerSecond) + (2.0 * CeilingLog2(devices) * latencySeconds);

    /// <summary>The faster of ring and tree, as NCCL picks per message size.</summary>
    public static double AllReduceSeconds(double bytes, int devices, double bytesPerSecond, double latencySeconds) =>
        Math.Min(RingAllReduceSeconds(bytes, devices, bytesPerSecond, latencySeconds), TreeAllReduceSeconds(bytes, devices, bytesPerSecond, latencySeconds));

    /// <summary>All-to-all (MoE dispatch or combine): each device keeps 1/n of its S bytes and sends the rest in n − 1 exchanges: (n−1)/n·S/B + (n−1)·L.</summary>
    public static double AllToAllSeconds(double bytes, int devices, double bytesPerSecond, double latencySeconds) =>
        devices <= 1 ? 0 : ((devices - 1.0) / devices * bytes / bytesPerSecond) + ((devices - 1.0) * latencySeconds);

    /// <summary>One hand-over between two devices (a pipeline boundary, a KV transfer): S/B + L.</summary>
    public static double PointToPointSeconds(double bytes, double bytesPerSecond, double latencySeconds) =>
        (bytes / bytesPerSecond) + latencySeconds;

    internal static int CeilingLog2(int devices)
    {
        var hops = 0;
        for (var span = 1; span < devices; span *= 2)
        {
            hops++;
        }

        return hops;
    }
}
