using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>
/// One operator of the model, already multiplied by the number of layers it appears in: its counts per
/// forward step as polynomials of the step shape (<see cref="CountPolynomial"/>), the precision it
/// computes in, its kernel launches, and the attention window that bounds its keys.
/// </summary>
public readonly struct OperatorSpec
{
    public string Name { get; init; }

    public OperatorKind Kind { get; init; }

    public Precision Precision { get; init; }

    /// <summary>Number of layers this entry stands for (its counts are already multiplied by it).</summary>
    public int Layers { get; init; }

    public CountPolynomial Ops { get; init; }

    public CountPolynomial BytesRead { get; init; }

    public CountPolynomial BytesWritten { get; init; }

    /// <summary>
    /// Whether the counts depend on the attended keys (attention, cache reads): if not, they are the same at
    /// every decode step and the evaluator times one step for the whole run.
    /// </summary>
    public bool VariesWithContext => Ops.PerKey != 0 || Ops.PerPair != 0 || Bytes.PerKey != 0 || Bytes.PerPair != 0;

    /// <summary>Bytes read plus written, summed at build time so the evaluator evaluates one polynomial for traffic.</summary>
    public CountPolynomial Bytes { get; init; }

    /// <summary>Kernel launches per step.</summary>
    public double Dispatches { get; init; }

    /// <summary>Attention window in tokens that caps the keys attended; 0 for none.</summary>
    public int Window { get; init; }

    /// <summary>True when attention is counted over all n·keys pairs (eager kernels, LIFE's count); false when causally masked blocks are skipped.</summary>
    public bool FullPairs { get; init; }

    /// <summary>Bytes of one expert's weights (times layers), read once per step for each distinct expert the batch touches.</summary>
    public double ExpertWeightBytes { get; init; }

    /// <summary>Dequantization operations per touched expert (times layers).</summary>
    public double ExpertDequantOps { get; init; }

    /// <summary>Weight bytes read per step (included in <see cref="BytesRead"/>.Fixed), excluding experts.</summary>
    public double WeightBytesRead { get; init; }

    /// <summary>True for work done once per request before prefill (inline LoRA merging), not per step.</summary>
    public bool IsSetup { get; init; }

    /// <summary>True for matrix multiplications, whose compute efficiency drops when a step holds few tokens.</summary>
    public bool IsGemm { get; init; }

    /// <summary>Multiplier on compute time (kernel efficiency of this operator relative to the device default; 1 = default).</summary>
    public double ComputeScale { get; init; }

    /// <summary>Multiplier on memory time (1 = the device's default bandwidth efficiency).</summary>
    public double MemoryScale { get; init; }

    /// <summary>The steps that run this operator (<see cref="OperatorPhase.Every"/> for most).</summary>
    public OperatorPhase Phase { get; init; }

    /// <summary>Whether a decode step (<paramref name="decode"/> true) or a prefill step runs this operator.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool RunsIn(bool decode) => Phase == OperatorPhase.Every || (Phase == OperatorPhase.Decode) == decode;
}
