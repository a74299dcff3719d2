using Life.Engine.Parallel;

namespace Life.Engine.Tests.Parallel;

public sealed class CollectivesTests
{
    [Fact]
    public void A_ring_all_reduce_of_16_MB_over_8_devices_on_450_GB_s_with_2_us_hops_takes_90_us()
    {
        // 2·7/8 · 16e6 B / 450e9 B/s = 62.22 µs; 2·7 hops · 2 µs = 28 µs; 90.22 µs in all.
        var seconds = Collectives.RingAllReduceSeconds(16e6, 8, 450e9, 2e-6);
        Assert.Equal(90.2222e-6, seconds, 9);
    }

    [Fact]
    public void A_tree_all_reduce_pays_log2_hops_of_latency()
    {
        // Bandwidth as the ring (62.22 µs), latency 2·⌈log2 8⌉ = 6 hops · 2 µs = 12 µs.
        Assert.Equal(74.2222e-6, Collectives.TreeAllReduceSeconds(16e6, 8, 450e9, 2e-6), 9);
        Assert.Equal(74.2222e-6, Collectives.AllReduceSeconds(16e6, 8, 450e9, 2e-6), 9);
    }

    [Fact]
    public void An_all_to_all_sends_all_but_its_own_share()
    {
        // 3/4 · 8e6 / 50e9 = 120 µs; 3 exchanges · 5 µs = 15 µs.
        Assert.Equal(135e-6, Collectives.AllToAllSeconds(8e6, 4, 50e9, 5e-6), 12);
    }

    [Fact]
    public void One_device_needs_no_collective()
    {
        Assert.Equal(0, Collectives.RingAllReduceSeconds(1e9, 1, 1e9, 1e-3));
        Assert.Equal(0, Collectives.AllToAllSeconds(1e9, 1, 1e9, 1e-3));
    }

    [Fact]
    public void A_hand_over_is_size_over_bandwidth_plus_latency()
    {
        // 1 MB over 50 GB/s = 20 µs, plus 5 µs.
        Assert.Equal(25e-6, Collectives.PointToPointSeconds(1e6, 50e9, 5e-6), 12);
    }
}
