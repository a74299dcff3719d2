using Life.Engine.Calibration;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Sweep.Specs;

/// <summary>
/// A validated sweep spec (interfaces.md), with every name resolved: the dimensions in enumeration
/// order, the hardware and model specs behind the hardware and model dimensions, constraints,
/// objectives and shard size. <see cref="CanonicalJson"/> describes it completely (resolved numbers
/// included, and the weight-format scales of the efficiency defaults), so two runs of one spec agree on
/// it and a changed catalog or defaults.json is a different sweep.
/// </summary>
public sealed class SweepSpec
{
    internal SweepSpec(
        string name,
        IReadOnlyList<Dimension> dimensions,
        IReadOnlyList<HardwareSpec> hardware,
        IReadOnlyList<ModelSpec> models,
        Constraints constraints,
        IReadOnlyList<Objective> objectives,
        int shardSize,
        RooflineMode roofline,
        EfficiencyDefaults efficiency,
        ServingSlo? slo = null,
        Life.Engine.Serving.SchedulerConfig? scheduler = null,
        IReadOnlyList<PoolShape>? disaggregation = null)
    {
        Name = name;
        Dimensions = dimensions;
        Hardware = hardware;
        Models = models;
        Constraints = constraints;
        Objectives = objectives;
        ShardSize = shardSize;
        Roofline = roofline;
        Efficiency = efficiency;
        Slo = slo;
        Scheduler = scheduler ?? Life.Engine.Serving.SchedulerConfig.Default;
        Disaggregation = disaggregation;
        CanonicalJson = SweepSpecJson.Write(this);
        Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CanonicalJson)));
    }

    public string Name { get; }

    /// <summary>Dimensions in mixed-radix enumeration order (outermost first).</summary>
    public IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>Resolved hardware, index-aligned with the hardware dimension's values.</summary>
    public IReadOnlyList<HardwareSpec> Hardware { get; }

    /// <summary>Resolved models, index-aligned with the model dimension's values.</summary>
    public IReadOnlyList<ModelSpec> Models { get; }

    public Constraints Constraints { get; }

    public IReadOnlyList<Objective> Objectives { get; }

    public int ShardSize { get; }

    public RooflineMode Roofline { get; }

    /// <summary>
    /// The defaults the spec was resolved under and is evaluated under (operator tables take their
    /// weight-format scales from it); <see cref="CanonicalJson"/> holds those scales, so the hash covers them.
    /// </summary>
    public EfficiencyDefaults Efficiency { get; }

    /// <summary>The P99 limits behind the <c>max_qps_at_slo</c> column; null when the spec gives none.</summary>
    public ServingSlo? Slo { get; }

    /// <summary>The continuous-batching scheduler rows with a qps (and max_qps_at_slo) are served by.</summary>
    public Life.Engine.Serving.SchedulerConfig Scheduler { get; }

    /// <summary>
    /// The pool shapes of the <c>disaggregation</c> dimension, index-aligned with its values; null
    /// when the spec has none (rows are served by colocated replicas, and the shape and cost columns are absent).
    /// </summary>
    public IReadOnlyList<PoolShape>? Disaggregation { get; }

    /// <summary>Rows have serving columns: the spec has a qps dimension or an slo.</summary>
    public bool IsServing => Slo is not null || Find(DimensionKeys.Qps) is not null;

    public string CanonicalJson { get; }

    /// <summary>SHA-256 of <see cref="CanonicalJson"/>, hex.</summary>
    public string Hash { get; }

    public Dimension? Find(string key)
    {
        foreach (var dimension in Dimensions)
        {
            if (dimension.Key == key)
            {
                return dimension;
            }
        }

        return null;
    }
}
