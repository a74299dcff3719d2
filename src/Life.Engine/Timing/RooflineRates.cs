using System.Runtime.CompilerServices;
using Life.Engine.Parallel;
using Life.Engine.Specs;

namespace Life.Engine.Timing;

/// <summary>
/// Attainable rates of a deployment as reciprocals (seconds per operation per precision, seconds per
/// byte, seconds per dispatch), so the hot loop multiplies instead of dividing, and the cost of
/// moving activations between devices per step.
/// </summary>
internal readonly struct RooflineRates
{
    private readonly double _fp16;
    private readonly double _fp8;
    private readonly double _fp4;
    private readonly double _int8;
    private readonly double _int4;
    private readonly double _collectivesPerStep;
    private readonly double _secondsPerCollective;
    private readonly double _secondsPerTokenPerCollective;
    private readonly double _topologySecondsPerStep;
    private readonly double _topologySecondsPerToken;

    public RooflineRates(in HardwareSpec hardware, in Deployment deployment, in ModelSpec model)
    {
        // Tensor parallelism splits every operator: n devices do the work n times faster. A layer
        // split runs the devices one after another, so the rates are those of one device.
        var split = Math.Max(1, deployment.TensorParallel);
        var efficiency = hardware.ComputeEfficiency * split;
        _fp16 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Fp16));
        _fp8 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Fp8));
        _fp4 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Fp4));
        _int8 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Int8));
        _int4 = 1 / (efficiency * hardware.PeakOpsPerSecond(Precision.Int4));
        SecondsPerByte = 1 / (hardware.MemoryEfficiency * hardware.BandwidthGBs * 1e9 * split);
        DispatchSeconds = hardware.DispatchOverheadUs * 1e-6;
        HalfEfficiencyTokens = hardware.HalfEfficiencyTokens;
        Overlap = hardware.ComputeMemoryOverlap;

        var devices = deployment.Devices;
        if (deployment.UsesTopology)
        {
            var costs = TopologyCosts.Of(hardware, deployment, model);
            _topologySecondsPerStep = costs.SecondsPerStep;
            _topologySecondsPerToken = costs.SecondsPerToken;
        }
        else if (devices > 1)
        {
            // Activations crossing devices: 16-bit hidden states. Tensor parallelism all-reduces twice
            // per layer (after attention and after the MLP), a ring moving 2(n−1)/n of the data; a
            // layer split hands the hidden state over at each of the n−1 boundaries.
            var link = hardware.InterconnectGBs > 0 ? hardware.InterconnectGBs * 1e9 : 32e9;
            var bytesPerToken = model.HiddenSize * 2.0;
            _secondsPerCollective = deployment.CollectiveLatencyUs * 1e-6;
            if (deployment.Parallelism == Parallelism.Tensor)
            {
                _collectivesPerStep = 2.0 * model.NumLayers;
                _secondsPerTokenPerCollective = 2.0 * (devices - 1) / devices * bytesPerToken / link;
            }
            else
            {
                _collectivesPerStep = devices - 1;
                _secondsPerTokenPerCollective = bytesPerToken / link;
            }
        }
    }

    public double SecondsPerByte { get; }

    public double DispatchSeconds { get; }

    public double HalfEfficiencyTokens { get; }

    public double Overlap { get; }

    /// <summary>Compute-time multiplier of a GEMM over <paramref name="tokens"/> rows: (m + m₀) / m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double GemmScale(double tokens) => HalfEfficiencyTokens > 0 ? (tokens + HalfEfficiencyTokens) / tokens : 1;

    /// <summary>Seconds per operation in <paramref name="precision"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SecondsPerOp(Precision precision) => precision switch
    {
        Precision.Fp8 => _fp8,
        Precision.Fp4 => _fp4,
        Precision.Int8 => _int8,
        Precision.Int4 => _int4,
        _ => _fp16,
    };

    /// <summary>
    /// Compute seconds of an operator doing <paramref name="ops"/> operations of which
    /// <paramref name="dequantOps"/> unpack quantized weights. The unpacking is vector work at the 16-bit
    /// rate (on a CPU that is the vector units' rate; on GPUs it is far below the streaming time either
    /// way) and, in a fused dequantizing kernel, overlaps the matrix math (on matrix units, or the same
    /// SIMD lanes already converting 16-bit weights in a 16-bit GEMV): the longer of the two counts, not
    /// their sum. It never takes the low-precision peak, which a device without int8 units lacks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ComputeSeconds(Precision precision, double ops, double dequantOps, double gemmScale, double computeScale)
    {
        var math = (ops - dequantOps) * SecondsPerOp(precision) * gemmScale;
        var unpack = dequantOps * _fp16;
        return (math >= unpack ? math : unpack) * computeScale;
    }

    /// <summary>Device-to-device time of one step that moves <paramref name="tokens"/> tokens' activations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double CommunicationSeconds(double tokens) =>
        (_collectivesPerStep * (_secondsPerCollective + (_secondsPerTokenPerCollective * tokens))) + _topologySecondsPerStep + (_topologySecondsPerToken * tokens);
}
