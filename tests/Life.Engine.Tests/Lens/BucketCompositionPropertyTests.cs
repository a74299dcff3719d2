using FsCheck;
using FsCheck.Fluent;
using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>The closed form against the definition, a sum over every decode step, on random profiles and requests.</summary>
public sealed class BucketCompositionPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>One list for both phases, or (half the time) separate prefill and decode lists.</summary>
    private static Gen<BucketProfile> ProfileGen =>
        from count in Gen.Choose(1, 6)
        from widths in Gen.ArrayOf(Gen.Choose(1, 700), count)
        from separate in Gen.Elements(false, true)
        from decodeCount in Gen.Choose(1, 8)
        from decodeWidths in Gen.ArrayOf(Gen.Choose(1, 900), decodeCount)
        from prefill in Gen.ArrayOf(Gen.Choose(1, 5000), count)
        from decode in Gen.ArrayOf(Gen.Choose(1, 500), separate ? decodeCount : count)
        select Build(widths, separate ? decodeWidths : widths, prefill, decode);

    [Fact]
    public void The_closed_form_equals_the_sum_over_every_decode_step()
    {
        var cases =
            from profile in ProfileGen
            from input in Gen.Choose(1, 4300)
            from output in Gen.Choose(1, 4300)
            select (profile, input, output);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var failure = c.profile.TryPredict(1, c.input, c.output, out var p);
            var expected = Reference(c.profile, c.input, c.output);
            if (expected is null)
            {
                return failure != PredictionFailure.None;
            }

            var (ttft, e2e) = expected.Value;
            return failure == PredictionFailure.None
                && p.TtftMs == ttft
                && Math.Abs(p.E2eMs - e2e) <= 1e-9 * e2e
                && (c.output == 1 || Math.Abs(p.TpotMs - ((e2e - ttft) / (c.output - 1))) <= 1e-9 * e2e);
        }).Check(Runs);
    }

    [Fact]
    public void Latency_never_falls_when_the_input_or_output_grows()
    {
        var cases =
            from profile in ProfileGen
            from input in Gen.Choose(1, 2000)
            from output in Gen.Choose(1, 2000)
            from more in Gen.Choose(1, 300)
            select (profile, input, output, more);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            if (c.profile.TryPredict(1, c.input + c.more, c.output + c.more, out var longer) != PredictionFailure.None)
            {
                return true;
            }

            // Monotone only because the generated P and D grow with the bucket (as compiled executables do).
            var shorter = c.profile.Predict(1, c.input, c.output);
            return longer.E2eMs >= shorter.E2eMs && longer.TtftMs >= shorter.TtftMs;
        }).Check(Runs);
    }

    [Fact]
    public void Prediction_allocates_nothing()
    {
        var profile = HandMadeProfiles.Shared();
        var sink = 0.0;
        sink += profile.Predict(1, 100, 400).E2eMs;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= 10_000; i++)
        {
            sink += profile.Predict(1, 1 + (i % 500), 1 + (i % 12)).E2eMs;
            profile.TryPredict(9, i, i, out var p);
            sink += p.E2eMs;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink > 0);
    }

    /// <summary>Bucket lengths from widths; P and D made non-decreasing so the monotonicity property holds.</summary>
    private static BucketProfile Build(int[] prefillWidths, int[] decodeWidths, int[] prefill, int[] decode)
    {
        Array.Sort(prefill);
        Array.Sort(decode);
        var p = new List<PrefillBucket>();
        var d = new List<DecodeBucket>();
        for (int i = 0, length = 0; i < prefillWidths.Length; i++)
        {
            length += prefillWidths[i];
            p.Add(new PrefillBucket(1, length, prefill[i] / 8.0));
        }

        for (int i = 0, length = 0; i < decodeWidths.Length; i++)
        {
            length += decodeWidths[i];
            d.Add(new DecodeBucket(1, length, decode[i] / 16.0));
        }

        return new BucketProfile("random", p, d);
    }

    /// <summary>The definition, step by step; null when the device could not run the request.</summary>
    private static (double Ttft, double E2e)? Reference(BucketProfile profile, int input, int output)
    {
        var prefill = profile.PrefillBuckets.Where(b => b.Length >= input).ToList();
        if (prefill.Count == 0)
        {
            return null;
        }

        var ttft = prefill[0].PrefillMs;
        var total = ttft;
        for (var t = 1; t < output; t++)
        {
            var decode = profile.DecodeBuckets.Where(b => b.Length >= input + t).ToList();
            if (decode.Count == 0)
            {
                return null;
            }

            total += decode[0].StepMs;
        }

        return (ttft, total);
    }
}
