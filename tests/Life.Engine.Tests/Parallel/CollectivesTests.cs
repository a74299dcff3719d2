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
        Assert.Equal(0, Collectives.AllReduceCallSeconds(1e9, 1, 1e9, 1e-3));
        Assert.Equal(0, Collectives.AllToAllCallSeconds(1e9, 1, 1e9, 1e-3));
    }

    [Fact]
    public void An_all_reduce_call_of_1_MB_over_4_devices_on_450_GB_s_with_2_us_hops_is_the_fixed_cost_plus_latency_plus_bytes()
    {
        // Fixed 6 µs per call (nccl-tests, 32 B on 2 × A100 in 10.14 µs less 4 µs of hops).
        // Tree latency 2·⌈log2 4⌉ = 4 hops · 2 µs = 8 µs (ring: 2·3 · 2 µs = 12 µs, so tree wins).
        // Bytes 2·3/4 · 1e6 B / 450e9 B/s = 3.3333 µs. In all 6 + 8 + 3.3333 = 17.3333 µs.
        Assert.Equal(17.3333e-6, Collectives.AllReduceCallSeconds(1e6, 4, 450e9, 2e-6), 9);
    }

    [Fact]
    public void A_small_all_reduce_call_on_two_nvlink_devices_matches_the_published_ten_microseconds()
    {
        // nccl-tests all_reduce_perf, 2 × A100-SXM4 over NVLink, 32 B: 10.14 µs (NVIDIA/nccl#583).
        // Model: 6 µs + 2·1 hop · 2 µs + 2·1/2 · 32 B / 300e9 B/s ≈ 10.0001 µs, within 0.2 µs.
        Assert.Equal(10.14e-6, Collectives.AllReduceCallSeconds(32, 2, 300e9, 2e-6), 0.2e-6);
    }

    [Fact]
    public void An_all_to_all_call_adds_the_fixed_cost_to_its_exchanges()
    {
        // 6 µs + the 135 µs of the 8 MB exchange over 4 devices above = 141 µs.
        Assert.Equal(141e-6, Collectives.AllToAllCallSeconds(8e6, 4, 50e9, 5e-6), 12);
    }

    [Fact]
    public void A_hand_over_is_size_over_bandwidth_plus_latency()
    {
        // 1 MB over 50 GB/s = 20 µs, plus 5 µs.
        Assert.Equal(25e-6, Collectives.PointToPointSeconds(1e6, 50e9, 5e-6), 12);
    }
}
