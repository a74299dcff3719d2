using Life.Engine.Operators;
using Life.Engine.Parallel;
using Life.Engine.Serving;
using Life.Engine.Specs;

namespace Life.Engine.Tests.Serving;

public sealed class KvTransferTests
{
    [Fact]
    public void A_2048_token_llama_3_8b_cache_crosses_a_50_GB_s_link_in_5_4_ms()
    {
        // 2048 tokens × 131,072 B = 268,435,456 B; / 50e9 B/s = 5.3687 ms; + 5 µs latency.
        var table = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);
        var seconds = KvTransfer.Seconds(table.KvCacheBytes(2048), new Link(50e9, 5e-6));
        Assert.Equal((268435456 / 50e9) + 5e-6, seconds, 12);
    }
}
