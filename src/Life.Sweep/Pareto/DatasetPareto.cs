using System.Globalization;
using Life.Engine;
using Life.Sweep.Datasets;
using Life.Sweep.Specs;

namespace Life.Sweep.Pareto;

/// <summary>
/// The Pareto front of a dataset for any objectives, over the rows that meet the spec's
/// constraints (as <c>pareto.parquet</c>) or over all rows, optionally narrowed by a SQL boolean
/// expression that DuckDB evaluates. DuckDB reads only the config ids, the objectives, the
/// constraint flag and the filter's columns; the front is computed here with
/// <see cref="ParetoFront"/>/<see cref="PartialFront"/>, as the sweep's own. A second query reads
/// the front's whole rows by config id. Rows with a null or non-finite objective value, and rows
/// equivalent to one with a lower config_id (<c>canonical</c> false), are left out and counted, as in
/// the sweep's own front.
/// </summary>
public static class DatasetPareto
{
    public const string ConfigIdColumn = "config_id";
    public const string ConstraintColumn = "meets_constraints";

    /// <param name="where">A DuckDB SQL boolean expression over the result columns, or null; its errors are <see cref="DatasetQueryException"/>s.</param>
    public static DatasetParetoResult Compute(
        SweepDataset dataset, IReadOnlyList<Objective> objectives, string? where = null, bool constrainedOnly = true, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(objectives);
        CheckObjectives(dataset, objectives);
        if (constrainedOnly && dataset.Column(ConstraintColumn) is not { Kind: ColumnKind.Boolean })
        {
            throw new EngineInputException($"{dataset.Directory} has no BOOLEAN {ConstraintColumn} column to select the rows that meet the constraints");
        }

        var eligible = constrainedOnly ? $"{SqlText.Identifier(ConstraintColumn)} IS TRUE" : "TRUE";
        var rowsEligible = constrainedOnly
            ? dataset.Read($"SELECT count(*) FROM results WHERE {eligible}", r => r.Read() ? r.GetInt64(0) : 0)
            : dataset.RowCount;
        var selected = string.Join(", ", objectives.Select(o => $"CAST({SqlText.Identifier(MetricColumns.Name(o.Column))} AS DOUBLE)"));
        var filter = where is null ? eligible : $"{eligible} AND ({where})";
        var hasCanonical = dataset.Column(Results.ResultSchema.CanonicalColumn) is { Kind: ColumnKind.Boolean };
        var canonical = hasCanonical ? $"coalesce({SqlText.Identifier(Results.ResultSchema.CanonicalColumn)}, TRUE), " : string.Empty;
        var scan = new DatasetParetoScan(objectives, hasCanonical);
        var front = dataset.Read(
            $"SELECT {SqlText.Identifier(ConfigIdColumn)}, {canonical}{selected} FROM results WHERE {filter}",
            reader => scan.Run(reader, cancellation),
            streaming: true);
        for (var i = 1; i < front.Count; i++)
        {
            if (front.Ids[i] == front.Ids[i - 1])
            {
                throw new EngineInputException($"{dataset.Directory}: config_id {front.Ids[i]} appears in more than one row; the dataset is damaged");
            }
        }

        return new DatasetParetoResult
        {
            Objectives = objectives,
            Where = where,
            ConstrainedOnly = constrainedOnly,
            Rows = dataset.RowCount,
            RowsEligible = rowsEligible,
            RowsMatched = scan.RowsMatched,
            RowsMissingObjective = scan.RowsMissingObjective,
            RowsEquivalent = scan.RowsEquivalent,
            MissingByObjective = scan.MissingByObjective,
            Front = FrontRows.Read(dataset, front.Ids),
        };
    }

    /// <summary>
    /// Writes the rows of <paramref name="ids"/> (every column, by config_id) to a Parquet file
    /// (DuckDB's writer, Snappy), with <paramref name="metadata"/> as key-value metadata, durably
    /// and atomically (a temporary file beside it, fsynced, renamed).
    /// </summary>
    public static void WriteRows(SweepDataset dataset, IReadOnlyList<long> ids, string path, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(metadata);
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Guid.NewGuid():N}.tmp");
        var entries = string.Join(", ", metadata.Select(e => $"{SqlText.Identifier(e.Key)}: {SqlText.Literal(e.Value)}"));
        var options = metadata.Count == 0 ? "FORMAT parquet, COMPRESSION snappy" : $"FORMAT parquet, COMPRESSION snappy, KV_METADATA {{{entries}}}";
        try
        {
            dataset.Execute($"COPY ({FrontRows.Select(ids)}) TO {SqlText.Literal(temporary)} ({options})");
            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void CheckObjectives(SweepDataset dataset, IReadOnlyList<Objective> objectives)
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

            if (dataset.Column(name) is not { IsNumeric: true })
            {
                throw new EngineInputException($"objective '{objectives[i]}': the dataset has no numeric column '{name}'");
            }
        }
    }
}
