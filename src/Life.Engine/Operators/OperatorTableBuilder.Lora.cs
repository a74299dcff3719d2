using Life.Engine.Specs;

namespace Life.Engine.Operators;

/// <summary>LoRA adapters on every projection of a layer (life-model.md §3).</summary>
internal sealed partial class OperatorTableBuilder
{
    /// <summary>Adapter weights (A and B) are kept in 16 bits.</summary>
    private const double AdapterBytes = 2;

    /// <summary>
    /// Unmerged: each adapted k×n Linear also computes (x·A)·B and adds it to the base output,
    /// 2r(k+n) + n ops per token, reading A and B once per step. Unfused, the rank-r intermediate and the
    /// two outputs round-trip memory in three kernels; fused LoRA kernels (shrink/expand) read the input
    /// and accumulate into the output. Merge-inline: before prefill each W becomes W + BA, (2r+1)·k·n ops
    /// (paper: 1670.8 GOPs for Llama-2-7B at r = 128), reading W, A, B and writing W once per request.
    /// Merged offline: no cost.
    /// </summary>
    private void AddLora(int layers, List<(double K, double N)> targets)
    {
        double rank = _options.LoraRank;
        if (rank == 0 || targets.Count == 0 || _options.LoraMode == LoraMode.Merged)
        {
            return;
        }

        double ops = 0, adapters = 0, read = 0, written = 0, mergeOps = 0, mergeRead = 0, mergeWritten = 0;
        foreach (var (k, n) in targets)
        {
            var adapter = rank * (k + n) * AdapterBytes;
            adapters += adapter;
            ops += 2 * rank * (k + n) + n;
            read += (_full ? k + n : k + rank + 2 * n) * ActivationBytes;
            written += (_full ? n : rank + 2 * n) * ActivationBytes;
            mergeOps += (2 * rank + 1) * k * n;
            mergeRead += k * n * _weightBytes + adapter;
            mergeWritten += k * n * _weightBytes;
        }

        _totals.WeightBytes += adapters * layers;
        if (_options.LoraMode == LoraMode.MergeInline)
        {
            Add(
                new OperatorSpec
                {
                    Name = "lora_merge",
                    Kind = OperatorKind.LoraMerge,
                    Ops = CountPolynomial.Constant(mergeOps),
                    BytesRead = CountPolynomial.Constant(mergeRead),
                    BytesWritten = CountPolynomial.Constant(mergeWritten),
                    Dispatches = 2 * targets.Count,
                    IsSetup = true,
                },
                layers);
            return;
        }

        Add(
            new OperatorSpec
            {
                Name = "lora_adapter",
                Kind = OperatorKind.LoraAdapter,
                Ops = CountPolynomial.Tokens(ops),
                BytesRead = new CountPolynomial(adapters, 0, read, 0, 0),
                BytesWritten = CountPolynomial.Tokens(written),
                Dispatches = (_full ? 2 : 3) * targets.Count,
                WeightBytesRead = adapters,
                IsGemm = true,
            },
            layers);
    }
}
