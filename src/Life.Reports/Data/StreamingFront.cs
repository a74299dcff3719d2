using Life.Sweep.Pareto;

namespace Life.Reports.Data;

/// <summary>
/// The complete Pareto front of the rows in scope, from one streaming scan: rows arrive from DuckDB
/// in chunks of at most <see cref="ChunkRows"/>; each chunk's front is merged into the running front
/// (<see cref="PartialFront.Merge"/>), so memory holds one chunk and the front, whatever the row count.
/// </summary>
public static class StreamingFront
{
    public const int ChunkRows = 65_536;

    /// <summary>The front's config ids (ascending) and the most rows held at once.</summary>
    public static (PartialFront Front, int MaxRowsBuffered) Compute(ReportScope scope, int chunkRows = ChunkRows, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var k = scope.Objectives.Count;
        if (k == 0)
        {
            return (PartialFront.Empty(0), 0);
        }

        var columns = string.Join(", ", scope.Objectives.Select(ReportScope.Minimized));
        var ids = new long[chunkRows];
        var values = new double[chunkRows * k];
        var front = PartialFront.Empty(k);
        var filled = 0;
        var maxBuffered = 0;
        using (var reader = scope.Table.Query($"SELECT config_id, {columns} FROM results WHERE {scope.Filter}"))
        {
            while (reader.Read())
            {
                ids[filled] = reader.GetInt64(0);
                for (var j = 0; j < k; j++)
                {
                    values[(filled * k) + j] = reader.GetDouble(j + 1);
                }

                if (++filled == chunkRows)
                {
                    cancellation.ThrowIfCancellationRequested();
                    maxBuffered = Math.Max(maxBuffered, filled + front.Count);
                    front = Merge(front, ids, values, filled, k);
                    filled = 0;
                }
            }
        }

        maxBuffered = Math.Max(maxBuffered, filled + front.Count);
        return (Merge(front, ids, values, filled, k), maxBuffered);
    }

    private static PartialFront Merge(PartialFront front, long[] ids, double[] values, int count, int k)
    {
        var indices = ParetoFront.Indices(values.AsSpan(0, count * k), count, k);
        var chunkIds = new long[indices.Length];
        var chunkValues = new double[indices.Length * k];
        for (var i = 0; i < indices.Length; i++)
        {
            chunkIds[i] = ids[indices[i]];
            Array.Copy(values, indices[i] * k, chunkValues, i * k, k);
        }

        return PartialFront.Merge([front, new PartialFront(k, chunkIds, chunkValues)], k);
    }
}
