using Life.Sweep.Datasets;
using Life.Parquet;

namespace Life.Sweep.Pareto;

/// <summary>
/// The second pass of <see cref="DatasetPareto"/>: whole rows for the front's config ids, read
/// only from the row groups that hold them (config ids first, then every column).
/// </summary>
internal static class FrontRows
{
    /// <summary>Rows for <paramref name="ids"/> (ascending, unique), in that order.</summary>
    public static RowSet Read(SweepDataset dataset, long[] ids, IEnumerable<(int File, int RowGroup)> locations, CancellationToken cancellation)
    {
        var rows = new RowSet(dataset.Schema, ids.Length);
        var found = 0;
        ParquetColumnData? buffer = null;
        foreach (var file in locations.Distinct().GroupBy(l => l.File).OrderBy(g => g.Key))
        {
            using var reader = dataset.OpenFile(file.Key);
            foreach (var (_, rowGroup) in file.OrderBy(l => l.RowGroup))
            {
                cancellation.ThrowIfCancellationRequested();
                buffer = SweepDataset.ReadColumn(reader, rowGroup, DatasetPareto.ConfigIdColumn, buffer);
                var matches = new List<(int Row, int Position)>();
                var groupIds = buffer.Int64s;
                for (var row = 0; row < groupIds.Length; row++)
                {
                    var position = Array.BinarySearch(ids, groupIds[row]);
                    if (position >= 0)
                    {
                        matches.Add((row, position));
                    }
                }

                for (var c = 0; c < dataset.Schema.Count; c++)
                {
                    buffer = SweepDataset.ReadColumn(reader, rowGroup, dataset.Schema[c].Name, buffer);
                    foreach (var (row, position) in matches)
                    {
                        rows.Columns[c].CopyFrom(position, buffer, row);
                    }
                }

                found += matches.Count;
            }
        }

        return found == ids.Length
            ? rows
            : throw new InvalidOperationException($"Found {found} of the {ids.Length} front rows on the second pass; the dataset changed while it was read.");
    }
}
