using Life.Engine.Calibration;
using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>
/// Turns a model and its optimizations into the operator list of an <see cref="OperatorTable"/>.
/// Layers with the same shape (dense or MoE MLP, global or sliding attention) are emitted once with
/// their count as multiplicity. The decomposition of LIFE's derived operators into foundational ones is
/// ours (the paper does not publish it) and is kept consistent with the paper's published counts
/// (shared/validation/life-paper.csv); each choice is documented where it is made.
/// </summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>Activations are computed and stored in 16-bit floating point.</summary>
    private const double ActivationBytes = 2;

    /// <summary>Embedding tables stay in 16 bits whatever the weight quantization.</summary>
    private const double TableBytes = 2;

    private readonly ModelSpec _model;
    private readonly Optimizations _options;
    private readonly List<OperatorSpec> _operators = new();
    private readonly List<KvCacheGroup> _kvGroups = new();
    private readonly double _weightBytes;
    private readonly double _linearInputBytes;
    private readonly double _kvBytes;
    private readonly double _scoreBytes;
    private readonly bool _quantizeActivations;
    private readonly bool _quantizeKv;
    private readonly Precision _matmulPrecision;
    private readonly bool _eager;
    private readonly bool _full;
    private readonly bool _life;
    private readonly FormatScales _formatScales;
    private TableTotals _totals;

    /// <summary>The phase <see cref="Add"/> stamps on operators that do not name one (set around phase-specific forms).</summary>
    private OperatorPhase _phase;

    public OperatorTableBuilder(ModelSpec model, Optimizations options, EfficiencyDefaults efficiency)
    {
        _formatScales = efficiency.ForWeights(options.WeightBits);
        _model = model;
        _options = options;
        _weightBytes = options.WeightBytesPerElement;
        _quantizeActivations = options.ActivationBits < 16;
        _linearInputBytes = _quantizeActivations ? options.ActivationBits / 8 : ActivationBytes;
        _kvBytes = options.KvBits / 8;
        _scoreBytes = options.ScoreBits / 8;
        _quantizeKv = options.KvBits < 16;
        _eager = options.Fusion == FusionLevel.Eager;
        _full = options.Fusion == FusionLevel.Full;
        _life = options.Counting == CountingConvention.Life;
        _matmulPrecision = PickMatmulPrecision(options);
    }

    public OperatorTable Build()
    {
        AddEmbedding();

        // Group layers by shape: (MLP: dense, MoE or none; mixer: full attention, sliding attention,
        // linear attention, Mamba or none) -> count. Sliding windows apply to the first
        // SlidingWindowLayers attention layers.
        Span<int> groups = stackalloc int[MlpKinds * MixerKinds];
        var moeSeen = 0;
        var attentionSeen = 0;
        for (var layer = 0; layer < _model.NumLayers; layer++)
        {
            var moe = _model.IsMoeLayer(layer);
            var mlp = !_model.HasMlp(layer) ? NoMlp : moe ? MoeMlp : DenseMlp;
            var kind = _model.MixerOf(layer) switch
            {
                ModelSpec.LinearAttentionMixer => LinearAttentionKind,
                ModelSpec.MambaMixer => MambaKind,
                ModelSpec.NoMixer => NoMixerKind,
                ModelSpec.ParallelMixer => ParallelKind,
                _ => attentionSeen++ < _model.SlidingWindowLayers ? SlidingAttentionKind : FullAttentionKind,
            };
            groups[(mlp * MixerKinds) + kind]++;
            moeSeen += mlp == MoeMlp ? 1 : 0;
        }

        for (var key = 0; key < groups.Length; key++)
        {
            if (groups[key] > 0)
            {
                AddLayerGroup(groups[key], mlp: key / MixerKinds, kind: key % MixerKinds);
            }
        }

        AddFinalNorm();
        AddLmHead();

        var widestMlp = Math.Max(2.0 * _model.IntermediateSize, moeSeen > 0 ? 2.0 * ((_model.ExpertsPerToken + _model.NumSharedExperts) * _model.MoeIntermediateSize) : 0);
        var widestAttention = _model.IsMla
            ? _model.NumHeads * (double)(_model.KvLoraRank + _model.QkRopeHeadDim + _model.QkNopeHeadDim)
            : ((_model.AttentionOutputGate ? 2.0 : 1.0) * _model.NumHeads + 2.0 * _model.NumKvHeads) * _model.HeadDim;
        widestAttention = Math.Max(widestAttention, WidestRecurrentProjection);
        _totals.ActivationBytesPerToken = ActivationBytes * (3.0 * _model.HiddenSize + Math.Max(widestMlp, widestAttention));
        _totals.ScoreBytesPerPair = _eager ? 2.0 * _model.NumHeads * _scoreBytes : 0;
        if (_life)
        {
            _totals.LogitsBytesPerToken = _model.VocabSize * ActivationBytes;
        }
        else
        {
            _totals.LogitsBytesPerSequence = _model.VocabSize * 4.0;
        }

        return new OperatorTable(_model, _options, _operators.ToArray(), _kvGroups.ToArray(), _totals);
    }

    private static Precision PickMatmulPrecision(in Optimizations options)
    {
        // Weights below 16 bits with 16-bit activations are dequantized and multiplied in FP16 (W4A16);
        // only quantized activations move the GEMM onto integer units.
        if (options.ActivationBits <= 4 && options.WeightBits <= 5)
        {
            return Precision.Int4;
        }

        if (options.ActivationBits <= 8 && options.WeightBits <= 9)
        {
            return Precision.Int8;
        }

        return Precision.Fp16;
    }

    private const int FullAttentionKind = 0;
    private const int SlidingAttentionKind = 1;
    private const int LinearAttentionKind = 2;
    private const int MambaKind = 3;
    private const int NoMixerKind = 4;
    private const int ParallelKind = 5;
    private const int MixerKinds = 6;

    private const int DenseMlp = 0;
    private const int MoeMlp = 1;
    private const int NoMlp = 2;
    private const int MlpKinds = 3;

    private void AddLayerGroup(int layers, int mlp, int kind)
    {
        var loraTargets = new List<(double K, double N)>();
        var window = kind == SlidingAttentionKind ? _model.SlidingWindow : 0;
        switch (kind)
        {
            case NoMixerKind:
                // An MLP-only layer (NemotronH's '-').
                break;
            case LinearAttentionKind:
                AddGatedDeltaNetBlock(layers, loraTargets);
                break;
            case MambaKind:
                AddMambaBlock(layers, loraTargets);
                break;
            case ParallelKind:
                // Falcon-H1: the Mamba-2 mixer reads the attention's normed input; its output joins the residual.
                AddAttentionBlock(layers, window, loraTargets);
                AddMambaBlock(layers, loraTargets, ownNorm: false);
                break;
            default:
                if (_model.IsMla)
                {
                    AddLatentAttentionBlock(layers, window, loraTargets);
                }
                else
                {
                    AddAttentionBlock(layers, window, loraTargets);
                }

                break;
        }

        if (mlp == MoeMlp)
        {
            AddMoeBlock(layers);
        }
        else if (mlp == DenseMlp)
        {
            AddDenseMlpBlock(layers, _model.IntermediateSize, loraTargets);
        }

        AddLora(layers, loraTargets);
    }

    private void Add(OperatorSpec op, int layers)
    {
        _operators.Add(op with
        {
            Layers = layers,
            Ops = op.Ops * layers,
            BytesRead = op.BytesRead * layers,
            BytesWritten = op.BytesWritten * layers,
            Bytes = (op.BytesRead + op.BytesWritten) * layers,
            Dispatches = op.Dispatches * layers,
            ExpertWeightBytes = op.ExpertWeightBytes * layers,
            ExpertDequantOps = op.ExpertDequantOps * layers,
            WeightBytesRead = op.WeightBytesRead * layers,
            ComputeScale = op.ComputeScale > 0 ? op.ComputeScale : 1,
            MemoryScale = op.MemoryScale > 0 ? op.MemoryScale : 1,
            Phase = op.Phase != OperatorPhase.Every ? op.Phase : _phase,
        });
    }
}
