using Life.Engine;
using Life.Sweep.Datasets;
using Life.Sweep.Filters;
using Life.Sweep.Specs;
using Life.Parquet;

namespace Life.Sweep.Pareto;

/// <summary>
/// The Pareto front of a finished dataset for any objectives, over the rows that meet the spec's
/// constraints (as <c>pareto.parquet</c>) or over all rows, optionally narrowed by a
/// <see cref="WhereExpression"/>. One pass reads only the config ids, objectives, the constraint
/// flag and the filter's columns, computing a front per row group and merging them per file and
/// then overall (<see cref="PartialFront"/>); a second pass reads whole rows only from the row
/// groups that hold front rows. Rows with a null or non-finite objective value are left out and
/// counted, as in the sweep's own front.
/// </summary>
public static class DatasetPareto
{
    public const string ConfigIdColumn = "config_id";
    public const string ConstraintColumn = "meets_constraints";

    public static DatasetParetoResult Compute(
        SweepDataset dataset, IReadOnlyList<Objective> objectives, WhereExpression? where = null, bool constrainedOnly = true, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(objectives);
        CheckObjectives(dataset.Schema, objectives);
        var flag = dataset.Schema.IndexOf(ConstraintColumn);
        if (constrainedOnly && (flag < 0 || dataset.Schema[flag].Type != ParquetType.Boolean))
        {
            throw new EngineInputException($"{dataset.Directory} has no BOOLEAN {ConstraintColumn} column to select the rows that meet the constraints");
        }

        var filter = where?.Bind(dataset.Schema);
        var scan = new DatasetParetoScan(dataset, objectives, filter, constrainedOnly);
        var fronts = scan.Run(cancellation);
        var front = PartialFront.Merge([.. fronts.Select(f => f.Front)], objectives.Count);
        for (var i = 1; i < front.Count; i++)
        {
            if (front.Ids[i] == front.Ids[i - 1])
            {
                throw new EngineInputException($"{dataset.Directory}: config_id {front.Ids[i]} appears in more than one row; the dataset is damaged");
            }
        }

        var ids = new HashSet<long>(front.Ids);
        var locations = fronts.Where(f => f.Front.Ids.Any(ids.Contains)).Select(f => (f.File, f.RowGroup));
        return new DatasetParetoResult
        {
            Objectives = objectives,
            Where = where?.Text,
            ConstrainedOnly = constrainedOnly,
            Rows = dataset.RowCount,
            RowsEligible = scan.RowsEligible,
            RowsMatched = scan.RowsMatched,
            RowsMissingObjective = scan.RowsMissingObjective,
            MissingByObjective = scan.MissingByObjective,
            Front = FrontRows.Read(dataset, front.Ids, locations, cancellation),
        };
    }

    private static void CheckObjectives(ParquetSchema schema, IReadOnlyList<Objective> objectives)
    {
        if (objectives.Count == 0)
        {
            throw new EngineInputException("no objectives: give at least one, such as min:tpot_ms");
        }

        for (var i = 0; i < objectives.Count; i++)
        {
            var name = MetricColumns.Name(objectives[i].Column);
            for (var j = 0; j < i; j++)
            {
                if (objectives[j].Column == objectives[i].Column)
                {
                    throw new EngineInputException($"objective '{objectives[i]}' names {name} a second time");
                }
            }

            var index = schema.IndexOf(name);
            if (index < 0 || schema[index].Type is ParquetType.String or ParquetType.Boolean)
            {
                throw new EngineInputException($"objective '{objectives[i]}': the dataset has no numeric column '{name}'");
            }
        }
    }
}
