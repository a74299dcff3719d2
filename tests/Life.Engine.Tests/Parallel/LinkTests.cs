using Life.Engine.Parallel;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Parallel;

public sealed class LinkTests
{
    private static readonly HardwareSpec Node = new()
    {
        Fp16Tflops = 1000, BandwidthGBs = 3000, MemoryGB = 80, DevicesPerNode = 8,
        IntraNodeGBs = 450, IntraNodeLatencyUs = 2, InterNodeGBs = 50, InterNodeLatencyUs = 5,
    };

    [Fact]
    public void A_group_inside_a_node_uses_the_node_link()
    {
        var link = Link.ForGroup(Node, 8, 8);
        Assert.Equal(450e9, link.BytesPerSecond);
        Assert.Equal(2e-6, link.LatencySeconds, 15);
    }

    [Fact]
    public void A_group_across_two_nodes_uses_the_network()
    {
        Assert.True(Link.SpansNodes(8, 4, 8));
        var link = Link.ForGroup(Node, 0, 16);
        Assert.Equal(50e9, link.BytesPerSecond);
        Assert.Equal(5e-6, link.LatencySeconds, 15);
    }

    [Fact]
    public void Without_a_node_link_half_the_bidirectional_interconnect_is_used()
    {
        var device = new HardwareSpec { InterconnectGBs = 900 };
        Assert.Equal(450e9, Link.IntraNode(device).BytesPerSecond);
    }
}
