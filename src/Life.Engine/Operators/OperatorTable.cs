using Life.Engine.Calibration;
using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>
/// Everything about a (model, optimizations) pair that does not depend on the workload or hardware:
/// the operator list with per-step count polynomials, weights and KV-cache sizes. Built once
/// (<see cref="Build"/>) and shared by every evaluation of that pair; immutable, so thread-safe.
/// </summary>
public sealed class OperatorTable
{
    private readonly OperatorSpec[] _operators;
    private readonly KvCacheGroup[] _kvGroups;
    private readonly int[] _windows;

    internal OperatorTable(ModelSpec model, Optimizations optimizations, OperatorSpec[] operators, KvCacheGroup[] kvGroups, TableTotals totals)
    {
        Model = model;
        Optimizations = optimizations;
        _operators = operators;
        _kvGroups = kvGroups;
        WeightBytes = totals.WeightBytes;
        ParameterCount = totals.Parameters;
        ActivationBytesPerToken = totals.ActivationBytesPerToken;
        ScoreBytesPerPair = totals.ScoreBytesPerPair;
        LogitsBytesPerSequence = totals.LogitsBytesPerSequence;
        LogitsBytesPerToken = totals.LogitsBytesPerToken;
        ExpertCount = model.NumExperts;
        ExpertsPerToken = model.ExpertsPerToken;

        var windows = new List<int>();
        foreach (var op in operators)
        {
            // A decode step's weights: prefill-only forms re-read weights a decode form already counts.
            WeightBytesReadPerStep += op.IsSetup || !op.RunsIn(decode: true) ? 0 : op.WeightBytesRead;
            HasSetup |= op.IsSetup;
            if (op.Window > 0 && !windows.Contains(op.Window))
            {
                windows.Add(op.Window);
            }
        }

        _windows = windows.ToArray();
    }

    public ModelSpec Model { get; }

    public Optimizations Optimizations { get; }

    public ReadOnlySpan<OperatorSpec> Operators => _operators;

    /// <summary>Distinct attention windows among the operators (at most a couple).</summary>
    public ReadOnlySpan<int> Windows => _windows;

    public ReadOnlySpan<KvCacheGroup> KvCacheGroups => _kvGroups;

    /// <summary>Bytes of recurrent (linear-attention, Mamba) state one sequence holds, whatever its context; 0 for pure attention models.</summary>
    public double StateBytesPerSequence
    {
        get
        {
            double bytes = 0;
            foreach (var group in _kvGroups)
            {
                bytes += group.BytesPerSequence;
            }

            return bytes;
        }
    }

    /// <summary>Bytes of weights resident in memory (all experts, adapters when unmerged).</summary>
    public double WeightBytes { get; }

    /// <summary>Parameters of the base model (embedding and LM head counted once each unless tied).</summary>
    public double ParameterCount { get; }

    /// <summary>Weight bytes read by one decode step, experts excluded.</summary>
    public double WeightBytesReadPerStep { get; }

    public bool HasSetup { get; }

    public int ExpertCount { get; }

    public int ExpertsPerToken { get; }

    /// <summary>Working activations held per token of a step (residual, normed input, widest intermediate).</summary>
    public double ActivationBytesPerToken { get; }

    /// <summary>Score and probability bytes per attention pair when one layer materializes them (eager).</summary>
    public double ScoreBytesPerPair { get; }

    public double LogitsBytesPerSequence { get; }

    public double LogitsBytesPerToken { get; }

    /// <summary>Builds the table; <paramref name="efficiency"/> supplies the per-format kernel scales.</summary>
    public static OperatorTable Build(in ModelSpec model, in Optimizations optimizations, EfficiencyDefaults efficiency)
    {
        ArgumentNullException.ThrowIfNull(efficiency);
        model.Validate();
        optimizations.Validate();
        return new OperatorTableBuilder(model, optimizations, efficiency).Build();
    }

    /// <summary>
    /// KV-cache bytes of one sequence holding <paramref name="contextTokens"/> tokens, with the constant
    /// recurrent state of linear-attention and Mamba layers (<see cref="StateBytesPerSequence"/>), which
    /// serving engines keep in the same cache pool.
    /// </summary>
    public double KvCacheBytes(double contextTokens)
    {
        double bytes = 0;
        foreach (var group in _kvGroups)
        {
            var tokens = group.Window > 0 && contextTokens > group.Window ? group.Window : contextTokens;
            bytes += group.BytesPerToken * tokens + group.BytesPerSequence;
        }

        return bytes;
    }

    /// <summary>
    /// Peak activation bytes of a step: working tensors of every token in flight, one layer's
    /// materialized attention scores when eager, and the logits.
    /// </summary>
    public double ActivationBytes(double batch, double tokens, double keys)
    {
        var scores = ScoreBytesPerPair * tokens * keys;
        return batch * (tokens * (ActivationBytesPerToken + LogitsBytesPerToken) + scores + LogitsBytesPerSequence);
    }

    /// <summary>
    /// Exact whole-model counts of one step: <paramref name="tokens"/> new tokens per sequence after
    /// <paramref name="past"/> cached ones. One token after a cached context is a decode step; anything
    /// else is a prefill (chunk) step, as the evaluator times them.
    /// </summary>
    public StepCounts CountStep(int batch, int tokens, int past) => CountStep(batch, tokens, past, decode: tokens == 1 && past > 0);

    /// <summary>Exact whole-model counts of one step, run in the decode (<paramref name="decode"/> true) or prefill form.</summary>
    public StepCounts CountStep(int batch, int tokens, int past, bool decode)
    {
        double ops = 0, read = 0, written = 0, dispatches = 0;
        var touched = TouchedExperts((double)batch * tokens);
        foreach (ref readonly var op in _operators.AsSpan())
        {
            if (op.IsSetup || !op.RunsIn(decode))
            {
                continue;
            }

            var keys = StepShape.Keys(tokens, past, op.Window);
            var pairs = StepShape.Pairs(tokens, past, op.Window, op.FullPairs);
            ops += op.Ops.At(batch, tokens, keys, pairs) + op.ExpertDequantOps * touched;
            read += op.BytesRead.At(batch, tokens, keys, pairs) + op.ExpertWeightBytes * touched;
            written += op.BytesWritten.At(batch, tokens, keys, pairs);
            dispatches += op.Dispatches;
        }

        return new StepCounts(ops, read, written, dispatches);
    }

    /// <summary>Counts of the once-per-request setup work (inline LoRA merging); zero when there is none.</summary>
    public StepCounts CountSetup()
    {
        double ops = 0, read = 0, written = 0, dispatches = 0;
        foreach (ref readonly var op in _operators.AsSpan())
        {
            if (op.IsSetup)
            {
                ops += op.Ops.Fixed;
                read += op.BytesRead.Fixed;
                written += op.BytesWritten.Fixed;
                dispatches += op.Dispatches;
            }
        }

        return new StepCounts(ops, read, written, dispatches);
    }

    /// <summary>
    /// Expected distinct experts a step touches when <paramref name="tokens"/> tokens each pick k of E:
    /// E·(1 − (1 − k/E)^tokens), the expected coverage under uniform routing.
    /// </summary>
    public double TouchedExperts(double tokens)
    {
        if (ExpertCount == 0)
        {
            return 0;
        }

        var miss = 1.0 - (double)ExpertsPerToken / ExpertCount;
        return ExpertCount * (1.0 - Math.Pow(miss, tokens));
    }
}
