namespace Life.Sweep.Specs;

/// <summary>
/// The sweep dimensions the engine knows, with their result-column kind. <see cref="EnumerationOrder"/>
/// is the mixed-radix order, outermost first: the (model, optimizations) dimensions that select an
/// operator table come first, hardware next, the workload last, so consecutive configurations share
/// one table (architecture.md, the hot path). <see cref="ColumnOrder"/> is how result columns read.
/// </summary>
public static class DimensionKeys
{
    public const string Hardware = "hardware";
    public const string Model = "model";
    public const string WeightBits = "weight_bits";
    public const string ActBits = "act_bits";
    public const string ActFormat = "act_format";
    public const string KvBits = "kv_bits";
    public const string QuantGroup = "quant_group";
    public const string LoraRank = "lora_rank";
    public const string LoraMode = "lora_mode";
    public const string Chunk = "chunk";
    public const string Fusion = "fusion";
    public const string KvCache = "kv_cache";
    public const string Counting = "counting";
    public const string Tp = "tp";
    public const string Pp = "pp";
    public const string Ep = "ep";
    public const string SpecK = "spec_k";
    public const string SpecAlpha = "spec_alpha";
    public const string DraftCost = "draft_cost";

    /// <summary>xPyD pool shapes (<see cref="PoolShape"/>, the top-level <c>disaggregation:</c> list): serving columns per deployment (docs/serving.md).</summary>
    public const string Disaggregation = "disaggregation";
    public const string Batch = "batch";
    public const string InputTokens = "input_tokens";
    public const string OutputTokens = "output_tokens";

    /// <summary>Input length distributions (fixed: the row's input_tokens; uniform:A,B, lognormal:MU,SIGMA as simulate takes): serving columns only (docs/serving.md).</summary>
    public const string InputDist = "input_dist";

    /// <summary>Output length distributions, as <see cref="InputDist"/>.</summary>
    public const string OutputDist = "output_dist";

    /// <summary>Requests per second (Poisson arrivals): a row with one has steady-state serving columns (docs/serving.md).</summary>
    public const string Qps = "qps";

    /// <summary>Optimization keys accepted under <c>optimizations:</c>.</summary>
    public static readonly IReadOnlyList<string> OptimizationKeys =
        [WeightBits, ActBits, ActFormat, KvBits, QuantGroup, LoraRank, LoraMode, Chunk, Fusion, KvCache, Counting];

    /// <summary>Replica layout keys accepted under <c>parallelism:</c> (docs/serving.md).</summary>
    public static readonly IReadOnlyList<string> ParallelismKeys = [Tp, Pp, Ep];

    /// <summary>Speculative decoding keys accepted under <c>speculative:</c> (tokens proposed, acceptance rate, draft cost; docs/serving.md).</summary>
    public static readonly IReadOnlyList<string> SpeculativeKeys = [SpecK, SpecAlpha, DraftCost];

    /// <summary>Workload keys accepted under <c>workload:</c>.</summary>
    public static readonly IReadOnlyList<string> WorkloadKeys = [Batch, InputTokens, OutputTokens, InputDist, OutputDist, Qps];

    public static readonly IReadOnlyList<string> EnumerationOrder =
        [Model, WeightBits, ActBits, ActFormat, KvBits, QuantGroup, LoraRank, LoraMode, Chunk, Fusion, KvCache, Counting, Hardware, Tp, Pp, Ep, SpecK, SpecAlpha, DraftCost, Disaggregation, Batch, InputTokens, OutputTokens, InputDist, OutputDist, Qps];

    public static readonly IReadOnlyList<string> ColumnOrder =
        [Hardware, Model, WeightBits, ActBits, ActFormat, KvBits, QuantGroup, Fusion, KvCache, Counting, LoraRank, LoraMode, Chunk, Tp, Pp, Ep, SpecK, SpecAlpha, DraftCost, Disaggregation, Batch, InputTokens, OutputTokens, InputDist, OutputDist, Qps];

    /// <summary>Keys whose values select the operator table (everything before hardware in enumeration order).</summary>
    public static bool SelectsTable(string key) => key is not (Hardware or Tp or Pp or Ep or SpecK or SpecAlpha or DraftCost or Disaggregation or Batch or InputTokens or OutputTokens or InputDist or OutputDist or Qps);

    public static DimensionKind KindOf(string key) => key switch
    {
        Hardware or Model or ActFormat or LoraMode or Fusion or KvCache or Counting or Disaggregation or InputDist or OutputDist => DimensionKind.Text,
        WeightBits or ActBits or KvBits or Qps or SpecAlpha or DraftCost => DimensionKind.Real,
        _ => DimensionKind.Integer,
    };
}
