using System.Globalization;
using Life.Sweep.Datasets;

namespace Life.Sweep.Pareto;

/// <summary>The second pass of <see cref="DatasetPareto"/>: whole rows for the front's config ids.</summary>
internal static class FrontRows
{
    /// <summary>Rows for <paramref name="ids"/> (ascending, unique), in that order.</summary>
    public static RowSet Read(SweepDataset dataset, long[] ids)
    {
        var rows = new RowSet(dataset.Columns, ids.Length);
        var found = dataset.Read(Select(ids), rows.Fill);
        return found == ids.Length
            ? rows
            : throw new InvalidOperationException($"Found {found} of the {ids.Length} front rows on the second pass; the dataset changed while it was read.");
    }

    /// <summary>The query for every column of the rows of <paramref name="ids"/>, by config_id.</summary>
    public static string Select(IReadOnlyList<long> ids)
    {
        var list = ids.Count == 0 ? "NULL" : string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var column = SqlText.Identifier(DatasetPareto.ConfigIdColumn);
        return $"SELECT * FROM results WHERE {column} IN ({list}) ORDER BY {column}";
    }
}
