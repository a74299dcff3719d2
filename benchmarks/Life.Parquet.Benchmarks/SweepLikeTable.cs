using Life.Parquet;

namespace Life.Parquet.Benchmarks;

/// <summary>
/// A 20-column table shaped like sweep results: 5 string dimensions held as dictionary indices
/// (hardware, model, fusion, kv_cache, roofline), 3 double dimensions (weight_bits, batch,
/// input_tokens) and 12 double metrics. Dimensions advance like an odometer (the innermost
/// fastest; an outer output-length dimension that is not a column keeps rows distinct). Metrics
/// are functions of the dimensions as in real results: a few depend on few dimensions and
/// repeat, most are distinct full-precision doubles. Deterministic for a given row count.
/// </summary>
public sealed class SweepLikeTable
{
    private static readonly string[] Hardware = ["h100-sxm", "a100-80gb", "l40s", "rtx-4090", "mi300x", "gaudi3"];
    private static readonly double[] HardwareTflops = [989, 312, 362, 165, 1307, 865];
    private static readonly string[] Models =
        ["llama-2-7b", "llama-3-8b", "llama-3-70b", "mistral-7b", "mixtral-8x7b", "qwen2-72b", "phi-3-mini", "gemma-2-9b"];

    private static readonly double[] ModelBillions = [6.7, 8.0, 70.6, 7.2, 46.7, 72.7, 3.8, 9.2];
    private static readonly string[] Fusions = ["eager", "flash", "full"];
    private static readonly string[] KvCaches = ["concat", "static"];
    private static readonly string[] Rooflines = ["per-op", "whole-model"];
    private static readonly double[] WeightBits = [16, 8, 4.5];
    private static readonly double[] Batches = [1, 2, 4, 8, 16, 32, 64, 128];
    private static readonly double[] InputTokens = [128, 512, 2048, 8192, 32768];

    private static readonly string[] MetricNames =
    [
        "ttft_ms", "tpot_ms", "e2e_ms", "per_user_tps", "throughput_tps", "prefill_tps",
        "decode_tps", "memory_gb", "kv_cache_gib", "prefill_tflop", "decode_gb_per_token", "cost_per_mtok",
    ];

    public SweepLikeTable(int rowCount)
    {
        RowCount = rowCount;
        Schema = new ParquetSchema(
        [
            new("hardware", ParquetType.String),
            new("model", ParquetType.String),
            new("fusion", ParquetType.String),
            new("kv_cache", ParquetType.String),
            new("roofline", ParquetType.String),
            new("weight_bits", ParquetType.Double),
            new("batch", ParquetType.Double),
            new("input_tokens", ParquetType.Double),
            .. MetricNames.Select(name => new ParquetColumn(name, ParquetType.Double)),
        ]);
        StringDictionaries = [Hardware, Models, Fusions, KvCaches, Rooflines];
        StringIndices = [.. Enumerable.Range(0, 5).Select(_ => new int[rowCount])];
        Doubles = [.. Enumerable.Range(0, 15).Select(_ => new double[rowCount])];
        Fill();
    }

    public int RowCount { get; }

    public ParquetSchema Schema { get; }

    /// <summary>The string tables of columns 0..4.</summary>
    public string[][] StringDictionaries { get; }

    /// <summary>Indices of columns 0..4 into <see cref="StringDictionaries"/>.</summary>
    public int[][] StringIndices { get; }

    /// <summary>Columns 5..19.</summary>
    public double[][] Doubles { get; }

    /// <summary>The whole table as one batch (split into row groups by the writer).</summary>
    public ParquetBatch ToBatch()
    {
        var batch = new ParquetBatch(Schema, RowCount);
        for (var c = 0; c < 5; c++)
        {
            batch.SetStrings(c, StringDictionaries[c], StringIndices[c]);
        }

        for (var c = 0; c < 15; c++)
        {
            batch.SetDouble(5 + c, Doubles[c]);
        }

        return batch;
    }

    private void Fill()
    {
        for (var row = 0; row < RowCount; row++)
        {
            var rest = row;
            var input = Take(ref rest, InputTokens.Length);
            var batch = Take(ref rest, Batches.Length);
            var bits = Take(ref rest, WeightBits.Length);
            var roofline = Take(ref rest, Rooflines.Length);
            var kv = Take(ref rest, KvCaches.Length);
            var fusion = Take(ref rest, Fusions.Length);
            var model = Take(ref rest, Models.Length);
            var hardware = Take(ref rest, Hardware.Length);

            // An outer dimension that is not a column (output length), so rows stay distinct.
            var outputTokens = 64.0 * (1 + rest);
            StringIndices[0][row] = hardware;
            StringIndices[1][row] = model;
            StringIndices[2][row] = fusion;
            StringIndices[3][row] = kv;
            StringIndices[4][row] = roofline;

            var tokens = InputTokens[input];
            var users = Batches[batch];
            var billions = ModelBillions[model];
            var weightGb = billions * WeightBits[bits] / 8;
            var kvGib = users * (tokens + outputTokens) * billions * 0.00002 * (kv == 0 ? 1.0 : 0.8);
            var efficiency = (0.55 + (0.1 * fusion)) * (roofline == 0 ? 1.0 : 0.93);
            var prefillTflop = 2 * billions * tokens * users / 1000;
            var ttft = prefillTflop / (HardwareTflops[hardware] * efficiency) * 1000;
            var decodeGb = weightGb + (kvGib * 1.0737);
            var tpot = decodeGb / (HardwareTflops[hardware] * 0.0034 * efficiency) * (1 + (outputTokens / 8192));
            var e2e = ttft + (tpot * outputTokens);

            var d = Doubles;
            d[0][row] = WeightBits[bits];
            d[1][row] = users;
            d[2][row] = tokens;
            d[3][row] = ttft;
            d[4][row] = tpot;
            d[5][row] = e2e;
            d[6][row] = 1000 / tpot;
            d[7][row] = users * 1000 / tpot;
            d[8][row] = tokens * users / ttft * 1000;
            d[9][row] = users * (tokens + outputTokens) / e2e * 1000;
            d[10][row] = weightGb + kvGib;
            d[11][row] = kvGib;
            d[12][row] = prefillTflop;
            d[13][row] = decodeGb;
            d[14][row] = 2.5 * (1 + hardware) / (users * 1000 / tpot) * 1e6 / 3600;
        }
    }

    private static int Take(ref int rest, int radix)
    {
        var digit = rest % radix;
        rest /= radix;
        return digit;
    }
}
