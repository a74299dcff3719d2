using Life.Sweep.Specs;
using Parquet.Schema;

namespace Life.Sweep.Results;

/// <summary>
/// The result columns of a sweep (interfaces.md): <c>config_id</c>, one column per dimension named
/// as the spec key (in <see cref="DimensionKeys.ColumnOrder"/>), then the metrics, <c>fits</c>,
/// <c>meets_constraints</c>, <c>canonical</c>, and the nullable cost and energy; as an explicit Parquet.Net schema
/// (every column required except cost and energy). A serving sweep (a qps dimension or an slo:
/// docs/serving.md) adds <c>max_concurrency</c>, with a qps the nullable steady-state percentiles
/// and <c>saturated</c>, with an slo the nullable <c>max_qps_at_slo</c>, after them all.
/// </summary>
public sealed class ResultSchema
{
    /// <summary>The flag of rows that are the first of their equivalent configurations (<see cref="Space.EquivalentConfigurations"/>); fronts keep only those.</summary>
    public const string CanonicalColumn = "canonical";

    /// <summary>The metrics before the flags, in column order.</summary>
    internal static readonly MetricColumn[] LeadingMetrics =
        [MetricColumn.TtftMs, MetricColumn.TpotMs, MetricColumn.E2eMs, MetricColumn.PerUserTps, MetricColumn.ThroughputTps, MetricColumn.OutputTps, MetricColumn.MemoryGB];

    /// <summary>The nullable metrics after the flags, in column order.</summary>
    internal static readonly MetricColumn[] TrailingMetrics =
        [MetricColumn.CostPerMTok, MetricColumn.EnergyJPerToken, MetricColumn.CostPerMOutputTokens, MetricColumn.EnergyJPerOutputToken];

    /// <summary>Columns of sweeps with a disaggregation dimension, before <c>devices</c> and <c>cost_per_hour</c>.</summary>
    public const string PrefillReplicasColumn = "prefill_replicas";

    public const string DecodeReplicasColumn = "decode_replicas";

    public const string DecodeHardwareColumn = "decode_hardware";

    public ResultSchema(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var fields = new List<DataField> { new DataField<long>("config_id") };
        var order = new List<int>();
        var texts = new List<string>();
        foreach (var key in DimensionKeys.ColumnOrder)
        {
            for (var d = 0; d < spec.Dimensions.Count; d++)
            {
                var dimension = spec.Dimensions[d];
                if (dimension.Key != key)
                {
                    continue;
                }

                order.Add(d);
                switch (dimension.Kind)
                {
                    case DimensionKind.Text:
                        fields.Add(new DataField<string>(key, nullable: false));
                        texts.Add(key);
                        break;
                    case DimensionKind.Real:
                        fields.Add(new DataField<double>(key));
                        break;
                    default:
                        fields.Add(new DataField<int>(key));
                        break;
                }
            }
        }

        fields.AddRange(LeadingMetrics.Select(metric => new DataField<double>(MetricColumns.Name(metric))));
        fields.Add(new DataField<bool>("fits"));
        fields.Add(new DataField<bool>("meets_constraints"));
        fields.Add(new DataField<bool>(CanonicalColumn));
        fields.AddRange(TrailingMetrics.Select(metric => new DataField<double>(MetricColumns.Name(metric), nullable: true)));
        var serving = new List<MetricColumn>();
        HasSaturated = spec.Find(DimensionKeys.Qps) is not null;
        if (spec.IsServing)
        {
            fields.Add(new DataField<double>(MetricColumns.Name(MetricColumn.MaxConcurrency)));
            serving.Add(MetricColumn.MaxConcurrency);
        }

        if (HasSaturated)
        {
            foreach (var metric in (ReadOnlySpan<MetricColumn>)[MetricColumn.P50TtftMs, MetricColumn.P99TtftMs, MetricColumn.P50TpotMs, MetricColumn.P99TpotMs])
            {
                fields.Add(new DataField<double>(MetricColumns.Name(metric), nullable: true));
                serving.Add(metric);
            }

            fields.Add(new DataField<bool>("saturated", nullable: true));
        }

        if (spec.Slo is not null)
        {
            fields.Add(new DataField<double>(MetricColumns.Name(MetricColumn.MaxQpsAtSlo), nullable: true));
            serving.Add(MetricColumn.MaxQpsAtSlo);
        }

        if (spec.Disaggregation is not null)
        {
            // The pool shape spelled out, then what it takes: read from the disaggregation and hardware coordinates.
            fields.Add(new DataField<int>(PrefillReplicasColumn));
            fields.Add(new DataField<int>(DecodeReplicasColumn));
            fields.Add(new DataField<string>(DecodeHardwareColumn, nullable: false));
            texts.Add(DecodeHardwareColumn);
            fields.Add(new DataField<double>(MetricColumns.Name(MetricColumn.Devices)));
            fields.Add(new DataField<double>(MetricColumns.Name(MetricColumn.CostPerHour), nullable: true));
            serving.Add(MetricColumn.Devices);
            serving.Add(MetricColumn.CostPerHour);
        }

        ServingMetrics = [.. serving];

        Spec = spec;
        DimensionOrder = [.. order];
        Fields = [.. fields];
        TextColumns = texts;
        ColumnNames = [.. fields.Select(f => f.Name)];
        Parquet = new ParquetSchema(fields);
    }

    public SweepSpec Spec { get; }

    /// <summary>The serving metric columns this sweep has, in column order (<c>saturated</c> follows the percentiles).</summary>
    internal MetricColumn[] ServingMetrics { get; }

    /// <summary>The sweep has a qps dimension, so the nullable <c>saturated</c> column.</summary>
    internal bool HasSaturated { get; }

    public ParquetSchema Parquet { get; }

    /// <summary>The schema's fields in column order.</summary>
    public IReadOnlyList<DataField> Fields { get; }

    /// <summary>Column names in order, as sweep.json lists them.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The text dimension columns, which are written dictionary-encoded.</summary>
    public IReadOnlyList<string> TextColumns { get; }

    /// <summary>Dimension indices (enumeration order) in column order.</summary>
    public int[] DimensionOrder { get; }
}
