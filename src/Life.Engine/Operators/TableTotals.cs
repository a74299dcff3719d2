namespace Life.Engine.Operators;

/// <summary>Model-wide sizes gathered while building an <see cref="OperatorTable"/>.</summary>
internal struct TableTotals
{
    public double WeightBytes;
    public double Parameters;
    public double ActivationBytesPerToken;
    public double ScoreBytesPerPair;
    public double LogitsBytesPerSequence;
    public double LogitsBytesPerToken;
}
