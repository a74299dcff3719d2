using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>Dense MLPs (gated SwiGLU/GeGLU or plain) and mixture-of-experts MLPs.</summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>Activation function (SiLU/GELU): a piecewise-linear sigmoid or tanh (2 ops) and a multiply.</summary>
    private const double ActivationOps = 3;

    private void AddDenseMlpBlock(int layers, double intermediate, List<(double K, double N)> loraTargets)
    {
        double d = _model.HiddenSize;
        var gated = _model.MlpGated;
        if (_full)
        {
            AddFusedAddNorm("mlp_add_norm", layers, d, 1 + ExtraNormsPerSublayer);
            AddMlpProjections("", layers, intermediate, gated);
        }
        else
        {
            AddNorm("mlp_norm", layers, d);
            AddMlpProjections("", layers, intermediate, gated);
            AddPostNormAndResidual("mlp", layers, d);
        }

        if (gated)
        {
            loraTargets.Add((d, intermediate));
        }

        loraTargets.Add((d, intermediate));
        loraTargets.Add((intermediate, d));
    }

    /// <summary>
    /// The projections of one MLP. Unfused: gate and up GEMMs, the activation and the gating multiply
    /// each round-trip the intermediate tensor. Fused (serving engines): one gate_up GEMM and one
    /// act-and-multiply kernel.
    /// </summary>
    private void AddMlpProjections(string prefix, int layers, double intermediate, bool gated)
    {
        double d = _model.HiddenSize;
        var bias = _model.MlpBias ?? !gated;
        if (gated && _full)
        {
            AddLinear(prefix + "gate_up_proj", layers, d, 2 * intermediate);
            AddElementwise(prefix + "act_mul", OperatorKind.Activation, layers, intermediate, inputs: 2, opsPerElement: ActivationOps + 1);
        }
        else if (gated)
        {
            AddLinear(prefix + "gate_proj", layers, d, intermediate);
            AddLinear(prefix + "up_proj", layers, d, intermediate);
            AddElementwise(prefix + "act", OperatorKind.Activation, layers, intermediate, inputs: 1, opsPerElement: ActivationOps);
            AddElementwise(prefix + "mul", OperatorKind.Elementwise, layers, intermediate, inputs: 2, opsPerElement: 1);
        }
        else
        {
            AddLinear(prefix + "up_proj", layers, d, intermediate, bias);
            if (_full)
            {
                AddArithmetic(prefix + "act", layers, intermediate * ActivationOps);
            }
            else
            {
                AddElementwise(prefix + "act", OperatorKind.Activation, layers, intermediate, inputs: 1, opsPerElement: ActivationOps);
            }
        }

        AddLinear(prefix + "down_proj", layers, intermediate, d, bias);
    }

    /// <summary>Arithmetic fused into a neighbouring kernel's epilogue: no traffic, no launch.</summary>
    private void AddArithmetic(string name, int layers, double opsPerToken)
    {
        Add(new OperatorSpec { Name = name, Kind = OperatorKind.Activation, Ops = CountPolynomial.Tokens(opsPerToken) }, layers);
    }

    /// <summary>
    /// Mixture of experts: a router, top-k selection, the routed experts and optional shared experts.
    /// Each token runs k experts; the weights of every distinct expert the step's tokens touch are read
    /// once (see <see cref="OperatorTable.TouchedExperts"/>). Eager Hugging Face loops over experts
    /// (about five kernels for each expert in use); fused MoE kernels run a handful per layer.
    /// </summary>
    private void AddMoeBlock(int layers)
    {
        double d = _model.HiddenSize;
        double experts = _model.NumExperts;
        double k = _model.ExpertsPerToken;
        double intermediate = _model.MoeIntermediateSize;
        var gated = _model.MlpGated;
        var matrices = gated ? 3 : 2;
        var expertWeights = matrices * d * intermediate;

        if (_full)
        {
            AddFusedAddNorm("moe_add_norm", layers, d, 1 + ExtraNormsPerSublayer);
        }
        else
        {
            AddNorm("moe_norm", layers, d);
        }

        AddLinear("router", layers, d, experts);
        AddElementwise("router_topk", OperatorKind.Elementwise, layers, experts, inputs: 1, opsPerElement: 6, dispatches: _full ? 1 : 3);

        // Per selected expert and token: the input row, the intermediate round trips, the output row.
        var intermediateReads = _full ? 3 : 4;
        var intermediateWrites = _full ? 3 : 4;
        Add(
            new OperatorSpec
            {
                Name = "experts",
                Kind = OperatorKind.MoeExperts,
                Precision = _matmulPrecision,
                Ops = CountPolynomial.Tokens(k * (2 * expertWeights + (ActivationOps + 1) * intermediate + d + (_quantizeActivations ? 2 * d : 0))),
                BytesRead = CountPolynomial.Tokens(k * (d * _linearInputBytes + intermediateReads * intermediate * ActivationBytes)),
                BytesWritten = CountPolynomial.Tokens(k * (intermediateWrites * intermediate + d) * ActivationBytes),
                // Unfused, each expert a token picked runs its own gate/up/act/mul/down kernels.
                Dispatches = _full ? 4 : 5 * k,
                ExpertWeightBytes = expertWeights * _weightBytes,
                ExpertDequantOps = _options.WeightsQuantized ? 2 * expertWeights : 0,
                IsGemm = true,
                ComputeScale = _options.WeightsQuantized ? _formatScales.Compute : 1,
                MemoryScale = _options.WeightsQuantized ? _formatScales.Memory : 1,
            },
            layers);
        _totals.WeightBytes += experts * expertWeights * _weightBytes * layers;
        _totals.Parameters += experts * expertWeights * layers;

        if (_model.NumSharedExperts > 0)
        {
            AddMlpProjections("shared_", layers, _model.NumSharedExperts * intermediate, gated);
        }

        if (!_full)
        {
            AddPostNormAndResidual("moe", layers, d);
        }
    }
}
