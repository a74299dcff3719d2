using Life.Sweep.Datasets;
using Life.Sweep.Specs;

namespace Life.Sweep.Pareto;

/// <summary>
/// The first pass of <see cref="DatasetPareto"/>: streams the config ids and objective values of
/// the selected rows from DuckDB into reused buffers, a block at a time, and keeps the front of the
/// rows seen so far (each block's front merged into it). Allocates per block, never per row.
/// </summary>
internal sealed class DatasetParetoScan
{
    private const int BlockRows = 1 << 16;

    private readonly IReadOnlyList<Objective> _objectives;
    private readonly long[] _missingByObjective;
    private readonly long[] _ids = new long[BlockRows];
    private readonly double[] _values;
    private readonly double[] _row;
    private readonly int _first;

    /// <param name="hasCanonical">The query's second column is the <c>canonical</c> flag (datasets written before it have none).</param>
    public DatasetParetoScan(IReadOnlyList<Objective> objectives, bool hasCanonical)
    {
        _objectives = objectives;
        _first = hasCanonical ? 2 : 1;
        _missingByObjective = new long[objectives.Count];
        _values = new double[BlockRows * objectives.Count];
        _row = new double[objectives.Count];
    }

    /// <summary>Rows the query returned (the eligible rows matching the filter).</summary>
    public long RowsMatched { get; private set; }

    public long RowsMissingObjective { get; private set; }

    /// <summary>Matched rows left out as equivalent to a row with a lower config_id (<c>canonical</c> false).</summary>
    public long RowsEquivalent { get; private set; }

    public IReadOnlyList<long> MissingByObjective => _missingByObjective;

    /// <summary>
    /// The front of the rows of <paramref name="reader"/>, whose columns are the config id and then
    /// (when the dataset has it) the canonical flag, then the objectives as DOUBLE. Rows that are not
    /// canonical, and rows with a null or non-finite objective, are counted and left out.
    /// </summary>
    public PartialFront Run(System.Data.Common.DbDataReader reader, CancellationToken cancellation)
    {
        var k = _objectives.Count;
        var front = PartialFront.Empty(k);
        var count = 0;
        while (reader.Read())
        {
            RowsMatched++;
            if (_first == 2 && !reader.GetBoolean(1))
            {
                RowsEquivalent++;
                continue;
            }

            var complete = true;
            for (var j = 0; j < k; j++)
            {
                var value = reader.IsDBNull(j + _first) ? double.NaN : reader.GetDouble(j + _first);
                if (!double.IsFinite(value))
                {
                    _missingByObjective[j]++;
                    complete = false;
                    continue;
                }

                _row[j] = ParetoFront.Minimized(value, _objectives[j]);
            }

            if (!complete)
            {
                RowsMissingObjective++;
                continue;
            }

            _ids[count] = reader.GetInt64(0);
            _row.CopyTo(_values, count * k);
            if (++count == BlockRows)
            {
                cancellation.ThrowIfCancellationRequested();
                front = PartialFront.Merge([front, BlockFront(count)], k);
                count = 0;
            }
        }

        return count == 0 ? front : PartialFront.Merge([front, BlockFront(count)], k);
    }

    private PartialFront BlockFront(int count)
    {
        var k = _objectives.Count;
        var indices = ParetoFront.Indices(_values, count, k);
        var ids = new long[indices.Length];
        var values = new double[indices.Length * k];
        for (var i = 0; i < indices.Length; i++)
        {
            ids[i] = _ids[indices[i]];
            Array.Copy(_values, indices[i] * k, values, i * k, k);
        }

        return new PartialFront(k, ids, values);
    }
}
