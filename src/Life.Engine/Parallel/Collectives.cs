namespace Life.Engine.Parallel;

/// <summary>
/// Times of collectives on a link of bandwidth B (bytes/s per direction) and per-hop latency L (s),
/// for S bytes per device and n devices (the α–β model NCCL's tuner uses). A collective call as a
/// framework issues it also pays <see cref="CallSeconds"/> once, whatever the link.
/// </summary>
public static class Collectives
{
    /// <summary>
    /// Fixed software cost of one collective call on n &gt; 1 devices: kernel launch, the library's
    /// bookkeeping and the flag handshake that every rank waits on, paid on top of the wire's hop
    /// latencies and bytes. Derived from a published small-message measurement, not fitted:
    /// nccl-tests all_reduce_perf on 2 × A100-SXM4-40GB over NVLink, 32 B in 10.14 µs out of place
    /// (github.com/NVIDIA/nccl/issues/583). At 32 B the bandwidth term is nil and the model's latency
    /// term for that pair is 2·1 hop · 2 µs (the A100 file's NVLink hop) = 4 µs, leaving 6.14 µs,
    /// rounded to 6 µs. Cross-checks, not used to set it: vLLM's custom all-reduce on H100, 512 B,
    /// without CUDA graphs, 9.5 / 9.1 / 10.1 µs at TP 2 / 4 / 8 (github.com/sgl-project/sglang/pull/2904),
    /// where this model gives 10 / 14 / 18 µs (it charges log2 n hops a one-shot kernel does not
    /// take); NCCL NVLSTree on 2 nodes × 8 H20, 4 B in 47.5 µs (github.com/NVIDIA/nccl/issues/1244),
    /// where a 16-device tree over a 5 µs inter-node hop gives 6 + 2·4·5 = 46 µs.
    /// </summary>
    public const double CallSeconds = 6e-6;

    /// <summary>One all-reduce call: <see cref="CallSeconds"/> plus the faster of ring and tree (0 on one device).</summary>
    public static double AllReduceCallSeconds(double bytes, int devices, double bytesPerSecond, double latencySeconds) =>
        devices <= 1 ? 0 : CallSeconds + AllReduceSeconds(bytes, devices, bytesPerSecond, latencySeconds);

    /// <summary>One all-to-all call: <see cref="CallSeconds"/> plus its exchanges (0 on one device).</summary>
    public static double AllToAllCallSeconds(double bytes, int devices, double bytesPerSecond, double latencySeconds) =>
        devices <= 1 ? 0 : CallSeconds + AllToAllSeconds(bytes, devices, bytesPerSecond, latencySeconds);

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
