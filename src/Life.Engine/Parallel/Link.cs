using Life.Engine.Specs;

namespace Life.Engine.Parallel;

/// <summary>A link as collectives see it: bandwidth per direction in bytes/s and latency per hop in seconds.</summary>
public readonly struct Link
{
    /// <summary>PCIe Gen4 x16 per direction, for devices that name no link (the engine's long-standing fallback).</summary>
    public const double FallbackGBs = 32;

    public Link(double bytesPerSecond, double latencySeconds)
    {
        BytesPerSecond = bytesPerSecond;
        LatencySeconds = latencySeconds;
    }

    public double BytesPerSecond { get; }

    public double LatencySeconds { get; }

    /// <summary>The link inside a node: intra_node_gbs, else half the bidirectional interconnect figure, else PCIe.</summary>
    public static Link IntraNode(in HardwareSpec hardware)
    {
        var gbs = hardware.IntraNodeGBs > 0 ? hardware.IntraNodeGBs : hardware.InterconnectGBs > 0 ? hardware.InterconnectGBs / 2 : FallbackGBs;
        return new Link(gbs * 1e9, hardware.IntraNodeLatencyUs * 1e-6);
    }

    /// <summary>
    /// The link between nodes; a ring step waits for its slowest hop, so it is never faster than the
    /// node's own link (bandwidth the lower, latency the higher of the two).
    /// </summary>
    public static Link InterNode(in HardwareSpec hardware)
    {
        var intra = IntraNode(hardware);
        var gbs = hardware.InterNodeGBs > 0 ? hardware.InterNodeGBs * 1e9 : intra.BytesPerSecond;
        return new Link(Math.Min(gbs, intra.BytesPerSecond), Math.Max(hardware.InterNodeLatencyUs * 1e-6, intra.LatencySeconds));
    }

    /// <summary>
    /// The link of a group of <paramref name="size"/> devices starting at device <paramref name="first"/>:
    /// inside one node unless it spans a node boundary (devices_per_node 0 means no boundary is known).
    /// </summary>
    public static Link ForGroup(in HardwareSpec hardware, int first, int size) =>
        SpansNodes(hardware.DevicesPerNode, first, size) ? InterNode(hardware) : IntraNode(hardware);

    /// <summary>Whether devices [first, first + size) lie on more than one node.</summary>
    public static bool SpansNodes(int devicesPerNode, int first, int size) =>
        devicesPerNode > 0 && size > 1 && first / devicesPerNode != (first + size - 1) / devicesPerNode;
}
