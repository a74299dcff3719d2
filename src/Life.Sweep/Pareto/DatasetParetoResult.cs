using Life.Sweep.Datasets;
using Life.Sweep.Specs;

namespace Life.Sweep.Pareto;

/// <summary>The Pareto front of a dataset's rows, with the counts of how the rows were narrowed down.</summary>
public sealed class DatasetParetoResult
{
    public required IReadOnlyList<Objective> Objectives { get; init; }

    /// <summary>The filter expression, or null.</summary>
    public string? Where { get; init; }

    /// <summary>Whether only rows with <c>meets_constraints</c> were considered.</summary>
    public required bool ConstrainedOnly { get; init; }

    /// <summary>Rows in the dataset.</summary>
    public required long Rows { get; init; }

    /// <summary>Rows meeting the spec's constraints (all rows when <see cref="ConstrainedOnly"/> is false).</summary>
    public required long RowsEligible { get; init; }

    /// <summary>Eligible rows that match <see cref="Where"/> (all eligible rows without a filter).</summary>
    public required long RowsMatched { get; init; }

    /// <summary>Matched rows left out because an objective is null (or not finite).</summary>
    public required long RowsMissingObjective { get; init; }

    /// <summary>Per objective, the matched rows where that objective is null or not finite.</summary>
    public required IReadOnlyList<long> MissingByObjective { get; init; }

    /// <summary>Matched rows left out as the same configuration as one with a lower config_id (<c>canonical</c> false).</summary>
    public long RowsEquivalent { get; init; }

    /// <summary>Rows the front was computed over.</summary>
    public long Candidates => RowsMatched - RowsEquivalent - RowsMissingObjective;

    /// <summary>The front rows, every column, sorted by config_id.</summary>
    public required RowSet Front { get; init; }
}
