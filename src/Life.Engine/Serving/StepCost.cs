using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Serving;

/// <summary>
/// Time of one continuous-batching step with the evaluator's per-operator roofline: some sequences
/// decoding one token each at a mean context, plus prefill chunks of some sequences, in one forward
/// pass that reads the weights once. Counts are affine in the keys, so decode at the mean context
/// is exact for unwindowed layers. Allocation-free; one pass over the operators per step.
/// With speculative decoding each decoding sequence verifies k + 1 tokens in the pass (its KV
/// attended as a prefill chunk after its context) after k draft proposals, each k·draft_cost of a
/// plain decode step of the same sequences, and advances <see cref="TokensPerStep"/> tokens on average.
/// </summary>
public readonly struct StepCost
{
    private readonly OperatorTable _table;
    private readonly RooflineRates _rates;
    private readonly int _verifyTokens;
    private readonly double _draftSteps;

    public StepCost(OperatorTable table, in HardwareSpec hardware, in Deployment deployment)
        : this(table, hardware, deployment, default)
    {
    }

    public StepCost(OperatorTable table, in HardwareSpec hardware, in Deployment deployment, in SpeculativeDecoding speculative)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _rates = new RooflineRates(hardware, deployment, table.Model);
        Speculative = speculative;
        _verifyTokens = speculative.IsOn ? speculative.Proposed + 1 : 1;
        _draftSteps = speculative.IsOn ? speculative.Proposed * speculative.DraftCost : 0;
        TokensPerStep = speculative.IsOn ? speculative.ExpectedTokensPerStep : 1;
    }

    /// <summary>The speculation decode steps run with (off by default).</summary>
    public SpeculativeDecoding Speculative { get; }

    /// <summary>Tokens of the step budget a decoding sequence takes: 1, or the k + 1 it verifies.</summary>
    public int BudgetTokensPerDecode => _verifyTokens;

    /// <summary>Tokens a decoding sequence gains per step on average: 1, or (1 − α^(k+1))/(1 − α) with speculation.</summary>
    public double TokensPerStep { get; }

    /// <summary>
    /// Seconds of a step: <paramref name="decoding"/> sequences at mean context <paramref name="meanContext"/>
    /// and <paramref name="prefillSequences"/> sequences prefilling <paramref name="prefillTokens"/>
    /// tokens in all after <paramref name="prefillPast"/> cached tokens each (on average).
    /// </summary>
    public double Seconds(double decoding, double meanContext, double prefillSequences, double prefillTokens, double prefillPast) =>
        Seconds(decoding, meanContext, prefillSequences, prefillTokens, prefillPast, chunkDecodes: false);

    /// <summary>
    /// Seconds of a speculative verification step: <paramref name="sequences"/> sequences checking
    /// <paramref name="tokens"/> tokens in all after <paramref name="context"/> cached tokens each. Engines
    /// run these as decodes (vLLM's and SGLang's MLA take verify tokens down the absorbed decode path), so
    /// layers with a separate decode form use it.
    /// </summary>
    public double VerifySeconds(double sequences, double tokens, double context) =>
        Seconds(0, 0, sequences, tokens, context, chunkDecodes: true);

    private double Seconds(double decoding, double meanContext, double prefillSequences, double prefillTokens, double prefillPast, bool chunkDecodes)
    {
        if (_verifyTokens == 1 || !(decoding > 0))
        {
            return Pass(decoding, 1, meanContext, prefillSequences, prefillTokens, prefillPast, chunkDecodes);
        }

        // The drafter proposes k tokens per sequence, each a share of a plain decode step; the target
        // then verifies k + 1 per sequence (down the decode path, as VerifySeconds) alongside any
        // prefill chunks in one pass.
        var draft = _draftSteps > 0 ? _draftSteps * Pass(decoding, 1, meanContext, 0, 0, 0, chunkDecodes) : 0;
        return draft + Pass(decoding, _verifyTokens, meanContext, prefillSequences, prefillTokens, prefillPast, chunkDecodes);
    }

    /// <summary>One forward pass: <paramref name="decoding"/> sequences of <paramref name="perSequence"/> new tokens each after their context, plus the prefill chunks.</summary>
    private double Pass(double decoding, int perSequence, double meanContext, double prefillSequences, double prefillTokens, double prefillPast, bool chunkDecodes)
    {
        var hasDecode = decoding > 0;
        var hasPrefill = prefillSequences > 0 && prefillTokens > 0;
        if (!hasDecode && !hasPrefill)
        {
            return 0;
        }

        var chunk = hasPrefill ? prefillTokens / prefillSequences : 0;
        var tokens = (decoding * perSequence) + prefillTokens;
        var touched = _table.TouchedExperts(tokens);
        var secondsPerByte = _rates.SecondsPerByte;
        var gemmScale = _rates.GemmScale(tokens);
        var overlap = _rates.Overlap;
        double time = 0, dispatches = 0;
        foreach (ref readonly var op in _table.Operators)
        {
            if (op.IsSetup)
            {
                continue;
            }

            var inDecode = hasDecode && op.RunsIn(decode: true);
            var inChunk = hasPrefill && op.RunsIn(chunkDecodes);
            if (!inDecode && !inChunk)
            {
                continue;
            }

            double ops = op.ExpertDequantOps * touched, bytes = op.ExpertWeightBytes * touched;
            if (inDecode)
            {
                var keys = StepShape.Keys(perSequence, meanContext, op.Window);
                var pairs = StepShape.Pairs(perSequence, meanContext, op.Window, op.FullPairs);
                ops += op.Ops.At(decoding, perSequence, keys, pairs);
                bytes += op.Bytes.At(decoding, perSequence, keys, pairs);
            }

            if (inChunk)
            {
                var keys = StepShape.Keys(chunk, prefillPast, op.Window);
                var pairs = StepShape.Pairs(chunk, prefillPast, op.Window, op.FullPairs);
                ops += op.Ops.At(prefillSequences, chunk, keys, pairs);
                bytes += op.Bytes.At(prefillSequences, chunk, keys, pairs);
            }

            if (inDecode && inChunk)
            {
                // One pass reads each weight once, not once per part (the polynomials' fixed term
                // counts them for each part).
                ops -= op.Ops.Fixed;
                bytes -= op.Bytes.Fixed;
            }

            var tc = _rates.ComputeSeconds(op.Precision, ops, op.DequantOps + (op.ExpertDequantOps * touched), op.IsGemm ? gemmScale : 1, op.ComputeScale);
            var tm = bytes * secondsPerByte * op.MemoryScale;
            var roof = Math.Max(tc, tm);
            time += overlap == 1 ? roof : (overlap * roof) + ((1 - overlap) * (tc + tm));
            dispatches += op.Dispatches;
        }

        return time + (dispatches * _rates.DispatchSeconds) + _rates.CommunicationSeconds(tokens);
    }
}
