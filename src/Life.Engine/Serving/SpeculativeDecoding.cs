namespace Life.Engine.Serving;

/// <summary>
/// Speculative decoding (a draft model, or MTP heads): each step a drafter proposes
/// <see cref="Proposed"/> tokens, each costing <see cref="DraftCost"/> of a target decode step, and the
/// target verifies them in one forward pass of k + 1 tokens per sequence. With each proposal accepted
/// with probability α independently until the first rejection, a step yields
/// (1 − α^(k+1)) / (1 − α) tokens in expectation (the accepted run plus the target's own token).
/// </summary>
public readonly struct SpeculativeDecoding
{
    public SpeculativeDecoding(int proposed, double acceptance, double draftCost)
    {
        Proposed = proposed;
        Acceptance = acceptance;
        DraftCost = draftCost;
    }

    /// <summary>Tokens proposed per step (k); 0 turns speculation off.</summary>
    public int Proposed { get; }

    /// <summary>Probability α that a proposed token is accepted.</summary>
    public double Acceptance { get; }

    /// <summary>Time of one proposal as a share of a target decode step (a 1B draft for an 8B target ≈ 0.15; one MTP layer of 32 ≈ 0.03).</summary>
    public double DraftCost { get; }

    public bool IsOn => Proposed > 0;

    /// <summary>Expected tokens per verification step: (1 − α^(k+1)) / (1 − α), k + 1 when α = 1.</summary>
    public double ExpectedTokensPerStep => Acceptance >= 1 ? Proposed + 1 : (1 - Math.Pow(Acceptance, Proposed + 1)) / (1 - Acceptance);

    /// <summary>
    /// Time per output token relative to plain decoding, given a verification pass that takes
    /// <paramref name="verifyOverDecode"/> times a plain decode step: (k·draft + verify) / E[tokens].
    /// </summary>
    public double TpotFactor(double verifyOverDecode) => ((Proposed * DraftCost) + verifyOverDecode) / ExpectedTokensPerStep;

    public void Validate()
    {
        if (Proposed < 0 || Proposed > 64)
        {
            throw new EngineInputException($"speculative tokens k = {Proposed} must be in 0..64");
        }

        if (IsOn && !(Acceptance >= 0 && Acceptance <= 1))
        {
            throw new EngineInputException($"acceptance rate = {Acceptance} must be in [0, 1]");
        }

        if (IsOn && !(DraftCost >= 0 && double.IsFinite(DraftCost)))
        {
            throw new EngineInputException($"draft cost = {DraftCost} must be a non-negative share of a decode step");
        }
    }
}
