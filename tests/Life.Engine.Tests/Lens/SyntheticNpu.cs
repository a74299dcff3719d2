using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>
/// A made-up NPU with compiled buckets, written independently of the engine: prefill pads the input to its
/// bucket (P grows with the padded length, linearly for the projections and quadratically for attention);
/// each decode step costs a weight read plus a KV read at the padded bucket length. Latency is a staircase,
/// computed step by step, and every measurement carries Gaussian noise from a seeded generator.
/// </summary>
internal sealed class SyntheticNpu
{
    private readonly Random _random;

    public SyntheticNpu(int[] buckets, double noise, int seed)
    {
        Buckets = buckets;
        Noise = noise;
        _random = new Random(seed);
    }

    public int[] Buckets { get; }

    /// <summary>Standard deviation of the multiplicative measurement noise (0.01 = 1%).</summary>
    public double Noise { get; }

    public int Largest => Buckets[^1];

    /// <summary>Each compiled batch adds this share of work per extra sequence.</summary>
    public static double BatchFactor(int batch) => 1 + (0.35 * (batch - 1));

    public double PrefillMs(int batch, int input) => BatchFactor(batch) * (15 + (0.09 * Padded(input)) + (2e-6 * Padded(input) * Padded(input)));

    public double StepMs(int batch, long context) => BatchFactor(batch) * (18 + (0.004 * Padded(context)));

    /// <summary>The noiseless end-to-end time, summed over every decode step.</summary>
    public double TrueE2eMs(int batch, int input, int output)
    {
        var total = PrefillMs(batch, input);
        for (var t = 1; t < output; t++)
        {
            total += StepMs(batch, input + t);
        }

        return total;
    }

    public double MeasureE2eMs(int batch, int input, int output) => TrueE2eMs(batch, input, output) * (1 + (Noise * Gaussian()));

    /// <summary>LENS's calibration: per bucket, one run with output 1 and one with output m, both at the same input inside it.</summary>
    public List<BucketMeasurement> CalibrationRuns(params int[] batches)
    {
        var runs = new List<BucketMeasurement>();
        foreach (var batch in batches)
        {
            var low = 0;
            foreach (var bucket in Buckets)
            {
                var width = bucket - low;
                var input = low + 1 + (width / 4);
                var output = width / 2;
                runs.Add(new BucketMeasurement(batch, input, 1, MeasureE2eMs(batch, input, 1), line: runs.Count + 2));
                runs.Add(new BucketMeasurement(batch, input, output, MeasureE2eMs(batch, input, output), line: runs.Count + 2));
                low = bucket;
            }
        }

        return runs;
    }

    /// <summary>Random requests the device can run: input anywhere, output up to <paramref name="maxOutput"/> within the largest bucket.</summary>
    public List<BucketMeasurement> RandomRuns(int count, int batch = 1, int maxOutput = 1024)
    {
        var runs = new List<BucketMeasurement>(count);
        for (var i = 0; i < count; i++)
        {
            var input = _random.Next(1, Largest + 1);
            var output = _random.Next(1, Math.Min(maxOutput, Largest - input + 1) + 1);
            runs.Add(new BucketMeasurement(batch, input, output, MeasureE2eMs(batch, input, output)));
        }

        return runs;
    }

    private int Padded(long length)
    {
        foreach (var bucket in Buckets)
        {
            if (length <= bucket)
            {
                return bucket;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(length), length, "beyond the largest bucket");
    }

    private double Gaussian()
    {
        // Box–Muller; 1 − NextDouble() keeps the logarithm's argument in (0, 1].
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
