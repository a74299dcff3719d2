using Life.Engine.Specs;

namespace Life.Engine.Parallel;

/// <summary>
/// How one replica of a model is laid out: <see cref="Tensor"/> devices split every operator,
/// <see cref="Pipeline"/> groups of them hold consecutive layers, and MoE experts are spread over
/// <see cref="Expert"/> of the devices of a stage (1, or a divisor of <see cref="Tensor"/>). A
/// replica uses tensor × pipeline devices, placed in order, so a stage's group starts where the
/// previous one ends.
/// </summary>
public readonly struct ParallelPlan
{
    public ParallelPlan(int tensor, int pipeline, int expert)
    {
        Tensor = tensor;
        Pipeline = pipeline;
        Expert = expert;
    }

    public static ParallelPlan Single => new(1, 1, 1);

    public int Tensor { get; init; }

    public int Pipeline { get; init; }

    public int Expert { get; init; }

    public int Devices => Tensor * Pipeline;

    /// <summary>
    /// What, if anything, makes the plan impossible for <paramref name="model"/>: attention heads must
    /// divide by tp; KV heads must divide by tp, or tp by them (vLLM then replicates each KV head on
    /// tp / kv_heads devices); experts by ep; at least one layer per stage.
    /// </summary>
    public ParallelIssue Check(in ModelSpec model)
    {
        if (Tensor < 1 || Pipeline < 1 || Expert < 1)
        {
            return ParallelIssue.NotPositive;
        }

        if (model.NumHeads % Tensor != 0)
        {
            return ParallelIssue.HeadsNotDivisible;
        }

        if (model.NumKvHeads % Tensor != 0 && Tensor % model.NumKvHeads != 0)
        {
            return ParallelIssue.KvHeadsNotDivisible;
        }

        if (Pipeline > model.NumLayers)
        {
            return ParallelIssue.TooFewLayers;
        }

        if (Expert > 1 && (!model.IsMoe || model.NumExperts % Expert != 0 || Tensor % Expert != 0))
        {
            return ParallelIssue.ExpertsNotDivisible;
        }

        return ParallelIssue.None;
    }

    /// <summary>One line naming what is wrong, for bad input; empty for <see cref="ParallelIssue.None"/>.</summary>
    public string Describe(ParallelIssue issue, in ModelSpec model) => issue switch
    {
        ParallelIssue.NotPositive => $"tp = {Tensor}, pp = {Pipeline}, ep = {Expert} must each be at least 1",
        ParallelIssue.HeadsNotDivisible => $"tp = {Tensor} does not divide the {model.NumHeads} attention heads of '{model.Id}'",
        ParallelIssue.KvHeadsNotDivisible => $"tp = {Tensor} neither divides nor is a multiple of the {model.NumKvHeads} KV heads of '{model.Id}'",
        ParallelIssue.TooFewLayers => $"pp = {Pipeline} exceeds the {model.NumLayers} layers of '{model.Id}'",
        ParallelIssue.ExpertsNotDivisible => model.IsMoe
            ? $"ep = {Expert} must divide the {model.NumExperts} experts of '{model.Id}' and tp = {Tensor}"
            : $"ep = {Expert} needs a mixture-of-experts model; '{model.Id}' has none",
        _ => string.Empty,
    };

    /// <summary>
    /// Copies of each KV head held across the tensor group: tp / kv_heads when tp exceeds the KV
    /// heads (vLLM replicates them), else 1.
    /// </summary>
    public double KvReplication(in ModelSpec model) =>
        Tensor > model.NumKvHeads && model.NumKvHeads > 0 ? (double)Tensor / model.NumKvHeads : 1;
}
