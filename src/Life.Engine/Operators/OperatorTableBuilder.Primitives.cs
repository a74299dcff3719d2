using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>LIFE's foundational operators (paper Table 1) and the small derived ones built from them.</summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>
    /// Linear m×k · k×n (+bias): 2kn ops per token (2 per multiply-accumulate, as LIFE counts), the
    /// weights read once per step for the whole batch, input read and output written per token.
    /// Quantized weights add LIFE's dequantization, 2·k·n ops per weight matrix per step, fused into the
    /// GEMM (no dequantized copy is written: the paper's int4 decode bytes rule that out). Quantized
    /// activations add 2 ops per input element for the on-the-fly quantization.
    /// </summary>
    private void AddLinear(string name, int layers, double k, double n, bool bias = false, bool perSequence = false, bool readsInput = true, bool tiedTable = false)
    {
        var weightElementBytes = tiedTable ? TableBytes : _weightBytes;
        var quantized = !tiedTable && _options.WeightsQuantized;
        var weightRead = k * n * weightElementBytes + (bias ? n * ActivationBytes : 0);
        var perRow = 2 * k * n + (bias ? n : 0) + (_quantizeActivations ? 2 * k : 0);
        var inputBytes = readsInput ? k * _linearInputBytes : 0;
        var outputBytes = n * ActivationBytes;
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = name == "lm_head" ? OperatorKind.LmHead : OperatorKind.Linear,
                Precision = tiedTable ? Precision.Fp16 : _matmulPrecision,
                Ops = perSequence ? new CountPolynomial(quantized ? 2 * k * n : 0, perRow, 0, 0, 0) : new CountPolynomial(quantized ? 2 * k * n : 0, 0, perRow, 0, 0),
                BytesRead = perSequence ? new CountPolynomial(weightRead, inputBytes, 0, 0, 0) : new CountPolynomial(weightRead, 0, inputBytes, 0, 0),
                BytesWritten = perSequence ? new CountPolynomial(0, outputBytes, 0, 0, 0) : CountPolynomial.Tokens(outputBytes),
                Dispatches = 1,
                WeightBytesRead = weightRead,
                DequantOps = quantized ? 2 * k * n : 0,
                IsGemm = true,
                ComputeScale = quantized ? _formatScales.Compute : 1,
                MemoryScale = quantized ? _formatScales.Memory : 1,
            },
            layers);
        if (!tiedTable)
        {
            _totals.WeightBytes += weightRead * layers;
            _totals.Parameters += (k * n + (bias ? n : 0)) * layers;
        }
    }

    /// <summary>
    /// RMSNorm (square, mean, rsqrt-scale, weight multiply: 4 ops per element) or LayerNorm (mean,
    /// subtract, square, mean, scale, weight, bias: 7 ops per element). Eager Hugging Face RMSNorm runs
    /// about seven kernels (casts, pow, mean, rsqrt, two multiplies); fused engines run one.
    /// </summary>
    private void AddNorm(string name, int layers, double width)
    {
        var layerNorm = _model.Norm == NormKind.LayerNorm;
        var weights = width * ActivationBytes * (layerNorm ? 2 : 1);
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = OperatorKind.Norm,
                Ops = CountPolynomial.Tokens(width * (layerNorm ? 7 : 4)),
                BytesRead = new CountPolynomial(weights, 0, width * ActivationBytes, 0, 0),
                BytesWritten = CountPolynomial.Tokens(width * ActivationBytes),
                Dispatches = _full || layerNorm ? 1 : 7,
                WeightBytesRead = weights,
            },
            layers);
        _totals.WeightBytes += weights * layers;
        _totals.Parameters += width * (layerNorm ? 2 : 1) * layers;
    }

    /// <summary>
    /// Fused residual add + norm (serving engines): reads the sublayer output and the residual, writes
    /// the new residual and the normalized input of the next GEMM, in one kernel. Extra norms (Gemma-2's
    /// post-norms) ride along as arithmetic only.
    /// </summary>
    private void AddFusedAddNorm(string name, int layers, double width, int norms)
    {
        var layerNorm = _model.Norm == NormKind.LayerNorm;
        var weights = width * ActivationBytes * (layerNorm ? 2 : 1) * norms;
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = OperatorKind.Norm,
                Ops = CountPolynomial.Tokens(width * (1 + (layerNorm ? 7 : 4) * norms)),
                BytesRead = new CountPolynomial(weights, 0, 2 * width * ActivationBytes, 0, 0),
                BytesWritten = CountPolynomial.Tokens(2 * width * ActivationBytes),
                Dispatches = 1,
                WeightBytesRead = weights,
            },
            layers);
        _totals.WeightBytes += weights * layers;
        _totals.Parameters += width * (layerNorm ? 2 : 1) * norms * layers;
    }

    /// <summary>Element-wise op over <paramref name="width"/> elements per token: reads each input, writes one output.</summary>
    private void AddElementwise(string name, OperatorKind kind, int layers, double width, double inputs, double opsPerElement, double dispatches = 1)
    {
        Add(
            new OperatorSpec
            {
                Name = name,
                Kind = kind,
                Ops = CountPolynomial.Tokens(width * opsPerElement),
                BytesRead = CountPolynomial.Tokens(inputs * width * ActivationBytes),
                BytesWritten = CountPolynomial.Tokens(width * ActivationBytes),
                Dispatches = dispatches,
            },
            layers);
    }

    /// <summary>
    /// RoPE on queries and keys: x·cos + rotate(x)·sin, 3 ops per element, reading the rotated tensors
    /// and one cos and one sin row per token. Eager Hugging Face runs about five kernels per tensor.
    /// </summary>
    private void AddRope(int layers, double rotatedWidth, double rotaryDim)
    {
        Add(
            new OperatorSpec
            {
                Name = "rope",
                Kind = OperatorKind.Rope,
                Ops = CountPolynomial.Tokens(3 * rotatedWidth),
                BytesRead = CountPolynomial.Tokens((rotatedWidth + 2 * rotaryDim) * ActivationBytes),
                BytesWritten = CountPolynomial.Tokens(rotatedWidth * ActivationBytes),
                Dispatches = 10,
            },
            layers);
    }

    /// <summary>
    /// Appending the step's keys and values (<paramref name="width"/> elements per token) to the cache.
    /// Static: writes only the new entries. Concat (eager Hugging Face): the cache is rebuilt every
    /// step, so the whole cache is written again. LIFE charges that rewrite, not a separate read of the
    /// old cache: with attention's own read, this gives the paper's growth of twice the KV size per
    /// context token (Table 7: 12.85 → 14.83 GiB from prompt 32 to 2048). Quantized KV adds 2 ops per
    /// element written.
    /// </summary>
    private void AddKvCacheUpdate(int layers, double width, bool readsNewEntries)
    {
        var concat = _options.KvCache == KvCacheMode.Concat;
        Add(
            new OperatorSpec
            {
                Name = "kv_cache_update",
                Kind = OperatorKind.KvCacheUpdate,
                Ops = CountPolynomial.Tokens(_quantizeKv ? 2 * width : 0),
                BytesRead = CountPolynomial.Tokens(readsNewEntries ? width * ActivationBytes : 0),
                BytesWritten = concat ? new CountPolynomial(0, 0, 0, width * _kvBytes, 0) : CountPolynomial.Tokens(width * _kvBytes),
                Dispatches = 2,
            },
            layers);
    }
}
