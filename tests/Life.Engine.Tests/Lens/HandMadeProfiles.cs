using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>Small profiles with round numbers, so every composition can be checked by hand.</summary>
internal static class HandMadeProfiles
{
    /// <summary>One list 128, 256, 512 for both phases: P = 10, 20, 40 ms; D = 1, 2, 4 ms per step.</summary>
    public static BucketProfile Shared() => new(
        "hand-npu",
        [new PrefillBucket(1, 128, 10), new PrefillBucket(1, 256, 20), new PrefillBucket(1, 512, 40)],
        [new DecodeBucket(1, 128, 1), new DecodeBucket(1, 256, 2), new DecodeBucket(1, 512, 4)]);

    /// <summary>Prefill buckets 256 and 512 (P = 30, 60 ms), decode buckets 640 and 1024 (D = 3, 5 ms).</summary>
    public static BucketProfile Separate() => new(
        "split-npu",
        [new PrefillBucket(1, 256, 30), new PrefillBucket(1, 512, 60)],
        [new DecodeBucket(1, 640, 3), new DecodeBucket(1, 1024, 5)]);

    /// <summary>Compiled batches 1 and 4 with one bucket 256 each; batch 4 costs 3× batch 1.</summary>
    public static BucketProfile PerBatch() => new(
        "batch-npu",
        [new PrefillBucket(1, 256, 10), new PrefillBucket(4, 256, 30)],
        [new DecodeBucket(1, 256, 2), new DecodeBucket(4, 256, 6)]);
}
