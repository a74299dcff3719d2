namespace Life.Engine.Serving;

/// <summary>
/// The step an arrival lands in: with probability 1 − busy none (it starts at once); else a plain
/// decode step of length <see cref="Plain"/> or, for the share of time <see cref="LongShare"/>, a step
/// carrying a prefill of length <see cref="Long"/>. The wait until that step ends is uniform over it.
/// </summary>
internal readonly struct StepMix
{
    public StepMix(double busy, double plain, double @long, double longShare)
    {
        Busy = busy;
        Plain = plain;
        Long = Math.Max(@long, plain);
        LongShare = longShare;
    }

    public double Busy { get; }

    public double Plain { get; }

    public double Long { get; }

    public double LongShare { get; }

    /// <summary>The q-quantile of the wait for the step in progress (the mixture CDF inverted piecewise).</summary>
    public double ResidualQuantile(double q)
    {
        if (Busy <= 0)
        {
            return 0;
        }

        var p = (q - (1 - Busy)) / Busy;
        if (p <= 0 || Plain <= 0)
        {
            return 0;
        }

        var slope = ((1 - LongShare) / Plain) + (LongShare / Long);
        var atPlain = slope * Plain;
        return p <= atPlain ? p / slope : Plain + ((p - atPlain) * Long / LongShare);
    }
}
