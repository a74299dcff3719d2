namespace Life.Engine.Serving;

/// <summary>Requests arriving as a Poisson process of <see cref="Qps"/> per second, each <see cref="InputTokens"/> in and <see cref="OutputTokens"/> out.</summary>
public readonly struct ServingWorkload
{
    private readonly LengthDistribution _inputLengths;
    private readonly LengthDistribution _outputLengths;

    public ServingWorkload(double qps, int inputTokens, int outputTokens)
    {
        Qps = qps;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
    }

    public double Qps { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>
    /// How the simulator draws each request's input length (fixed: <see cref="InputTokens"/>); the
    /// steady-state model takes <see cref="InputTokens"/> as the mean and <see cref="InputSpread"/> for the
    /// spread. Setting it works the spread out once; <c>with { Qps = … }</c> copies it without redoing that.
    /// </summary>
    public LengthDistribution InputLengths
    {
        get => _inputLengths;
        init
        {
            _inputLengths = value;
            InputSpread = LengthSpread.Of(value);
        }
    }

    /// <summary>How the simulator draws each request's output length (fixed: <see cref="OutputTokens"/>).</summary>
    public LengthDistribution OutputLengths
    {
        get => _outputLengths;
        init
        {
            _outputLengths = value;
            OutputSpread = LengthSpread.Of(value);
        }
    }

    /// <summary>The moments and quantiles of <see cref="InputLengths"/> the steady-state model reads.</summary>
    public LengthSpread InputSpread { get; private init; }

    /// <summary>The moments of <see cref="OutputLengths"/> the steady-state model reads.</summary>
    public LengthSpread OutputSpread { get; private init; }

    public void Validate()
    {
        if (!(Qps > 0) || !double.IsFinite(Qps))
        {
            throw new EngineInputException($"qps = {Qps} must be a positive number");
        }

        if (InputTokens < 1 || OutputTokens < 1)
        {
            throw new EngineInputException($"input = {InputTokens}, output = {OutputTokens} tokens must each be at least 1");
        }
    }
}
