using Life.Engine.Lens;
using Xunit.Abstractions;

namespace Life.Engine.Tests.Lens;

/// <summary>
/// The acceptance test: a staircase NPU (<see cref="SyntheticNpu"/>) with 1% measurement noise,
/// calibrated from two runs per bucket, predicted on 1,000 random (input, output) pairs; LENS against the
/// smooth linear fit calibrated on the same runs. Three seeds, so no single lucky draw passes it.
/// </summary>
public sealed class SyntheticNpuAccuracyTests(ITestOutputHelper log)
{
    private static readonly int[] Buckets = [128, 256, 512, 1024, 2048, 4096];

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(2026)]
    public void Calibrated_from_two_runs_per_bucket_the_median_error_on_1000_random_pairs_is_at_most_3_percent(int seed)
    {
        var npu = new SyntheticNpu(Buckets, noise: 0.01, seed);
        var calibration = npu.CalibrationRuns(1);
        var profile = BucketCalibrator.Calibrate(calibration, BucketLists.Shared(Buckets), "synthetic-npu", "synthetic.csv");

        var lens = LensErrors(profile, npu.RandomRuns(1000));

        log.WriteLine($"seed {seed}: LENS median APE {lens.MedianPercent:0.###}%, mean {lens.MeanPercent:0.###}%, max {lens.MaxPercent:0.###}%");
        Assert.Equal(2 * Buckets.Length, calibration.Count);
        Assert.Equal(1000, lens.Rows);
        Assert.True(lens.MedianPercent <= 3, $"median APE {lens.MedianPercent}%");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(2026)]
    public void The_smooth_fit_on_the_same_runs_is_clearly_worse_and_far_worse_where_padding_dominates(int seed)
    {
        var npu = new SyntheticNpu(Buckets, noise: 0.01, seed);
        var calibration = npu.CalibrationRuns(1);
        var profile = BucketCalibrator.Calibrate(calibration, BucketLists.Shared(Buckets), "synthetic-npu", "synthetic.csv");
        var smooth = SmoothLatencyFit.Fit(calibration, "synthetic.csv");

        // Any request, and short generations (output 1..16) where the padded prefill is most of the time.
        var any = npu.RandomRuns(1000);
        var shortOutputs = npu.RandomRuns(1000, maxOutput: 16);
        var (lensAny, smoothAny) = (LensErrors(profile, any), SmoothErrors(smooth, any));
        var (lensShort, smoothShort) = (LensErrors(profile, shortOutputs), SmoothErrors(smooth, shortOutputs));

        log.WriteLine($"seed {seed}, any request: LENS median {lensAny.MedianPercent:0.##}% (mean {lensAny.MeanPercent:0.##}%), smooth median {smoothAny.MedianPercent:0.##}% (mean {smoothAny.MeanPercent:0.##}%)");
        log.WriteLine($"seed {seed}, output ≤ 16: LENS median {lensShort.MedianPercent:0.##}% (mean {lensShort.MeanPercent:0.##}%), smooth median {smoothShort.MedianPercent:0.##}% (mean {smoothShort.MeanPercent:0.##}%)");
        Assert.True(smoothAny.MedianPercent >= 3 * lensAny.MedianPercent, $"smooth {smoothAny.MedianPercent}% vs LENS {lensAny.MedianPercent}%");
        Assert.True(smoothShort.MedianPercent >= 5 * lensShort.MedianPercent, $"smooth {smoothShort.MedianPercent}% vs LENS {lensShort.MedianPercent}%");
        Assert.True(smoothShort.MedianPercent - lensShort.MedianPercent >= 5, $"smooth {smoothShort.MedianPercent}% vs LENS {lensShort.MedianPercent}%");
    }

    [Fact]
    public void Calibration_recovers_every_bucket_within_the_noise()
    {
        var npu = new SyntheticNpu(Buckets, noise: 0.01, seed: 3);
        var profile = BucketCalibrator.Calibrate(npu.CalibrationRuns(1), BucketLists.Shared(Buckets), "synthetic-npu", "synthetic.csv");

        foreach (var bucket in profile.PrefillBuckets)
        {
            Assert.InRange(bucket.PrefillMs / npu.PrefillMs(1, bucket.Length), 0.96, 1.04);
        }

        foreach (var bucket in profile.DecodeBuckets)
        {
            Assert.InRange(bucket.StepMs / npu.StepMs(1, bucket.Length), 0.9, 1.1);
        }
    }

    [Fact]
    public void A_device_compiled_per_batch_is_calibrated_and_predicted_per_batch()
    {
        var npu = new SyntheticNpu(Buckets, noise: 0.01, seed: 5);
        var profile = BucketCalibrator.Calibrate(npu.CalibrationRuns(1, 4, 16), BucketLists.Shared(Buckets), "synthetic-npu", "synthetic.csv");
        Assert.Equal([1, 4, 16], profile.Batches.ToArray());

        // Batch 3 runs padded to the compiled batch 4, so it costs what batch 4 costs.
        var batchFour = npu.RandomRuns(1000, batch: 4);
        var lens = ApeSummary.Of(batchFour.Select(r => ApeSummary.Ape(profile.Predict(3, r.InputTokens, r.OutputTokens).E2eMs, r.E2eMs)));
        Assert.True(lens.MedianPercent <= 3, $"median APE {lens.MedianPercent}%");
        Assert.Equal(4, profile.Predict(3, 100, 10).CompiledBatch);
    }

    private static ApeSummary LensErrors(BucketProfile profile, List<BucketMeasurement> runs) =>
        ApeSummary.Of(runs.Select(r => ApeSummary.Ape(profile.Predict(r.Batch, r.InputTokens, r.OutputTokens).E2eMs, r.E2eMs)));

    private static ApeSummary SmoothErrors(SmoothLatencyFit smooth, List<BucketMeasurement> runs) =>
        ApeSummary.Of(runs.Select(r => ApeSummary.Ape(smooth.Predict(r.Batch, r.InputTokens, r.OutputTokens).E2eMs, r.E2eMs)));
}
