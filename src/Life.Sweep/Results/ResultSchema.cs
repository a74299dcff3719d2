using Life.Sweep.Specs;
using Life.Parquet;

namespace Life.Sweep.Results;

/// <summary>
/// The result columns of a sweep (interfaces.md): <c>config_id</c>, one column per dimension named
/// as the spec key (in <see cref="DimensionKeys.ColumnOrder"/>), then the metrics, <c>fits</c>,
/// <c>meets_constraints</c>, and the nullable cost and energy.
/// </summary>
public sealed class ResultSchema
{
    private static readonly MetricColumn[] LeadingMetrics =
        [MetricColumn.TtftMs, MetricColumn.TpotMs, MetricColumn.E2eMs, MetricColumn.PerUserTps, MetricColumn.ThroughputTps, MetricColumn.MemoryGB];

    private static readonly MetricColumn[] TrailingMetrics = [MetricColumn.CostPerMTok, MetricColumn.EnergyJPerToken];

    public ResultSchema(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var columns = new List<ParquetColumn> { new("config_id", ParquetType.Int64) };
        var order = new List<int>();
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
                columns.Add(new ParquetColumn(key, dimension.Kind switch
                {
                    DimensionKind.Text => ParquetType.String,
                    DimensionKind.Real => ParquetType.Double,
                    _ => ParquetType.Int32,
                }));
            }
        }

        foreach (var metric in LeadingMetrics)
        {
            columns.Add(new ParquetColumn(MetricColumns.Name(metric), ParquetType.Double));
        }

        columns.Add(new ParquetColumn("fits", ParquetType.Boolean));
        columns.Add(new ParquetColumn("meets_constraints", ParquetType.Boolean));
        foreach (var metric in TrailingMetrics)
        {
            columns.Add(new ParquetColumn(MetricColumns.Name(metric), ParquetType.Double, IsNullable: true));
        }

        Spec = spec;
        DimensionOrder = [.. order];
        Parquet = new ParquetSchema(columns);
    }

    public SweepSpec Spec { get; }

    public ParquetSchema Parquet { get; }

    /// <summary>Dimension indices (enumeration order) in column order.</summary>
    public int[] DimensionOrder { get; }

    /// <summary>Binds the batch's arrays to the columns of a Parquet batch (no copying).</summary>
    public ParquetBatch Bind(ResultBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = batch.Count;
        var parquet = new ParquetBatch(Parquet, rows);
        var column = 0;
        parquet.SetInt64(column++, batch.ConfigIds.AsMemory(0, rows));
        foreach (var d in DimensionOrder)
        {
            var dimension = Spec.Dimensions[d];
            switch (dimension.Kind)
            {
                case DimensionKind.Text:
                    parquet.SetStrings(column++, dimension.Texts, batch.Indices[d].AsMemory(0, rows));
                    break;
                case DimensionKind.Real:
                    parquet.SetDouble(column++, batch.Reals[d].AsMemory(0, rows));
                    break;
                default:
                    parquet.SetInt32(column++, batch.Integers[d].AsMemory(0, rows));
                    break;
            }
        }

        foreach (var metric in LeadingMetrics)
        {
            parquet.SetDouble(column++, batch.Metrics[(int)metric].AsMemory(0, rows));
        }

        parquet.SetBoolean(column++, batch.Fits.AsMemory(0, rows));
        parquet.SetBoolean(column++, batch.MeetsConstraints.AsMemory(0, rows));
        foreach (var metric in TrailingMetrics)
        {
            parquet.SetDouble(column++, batch.Metrics[(int)metric].AsMemory(0, rows), batch.Present[(int)metric].AsMemory(0, rows));
        }

        return parquet;
    }
}
