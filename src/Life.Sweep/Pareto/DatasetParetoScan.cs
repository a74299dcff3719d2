using Life.Sweep.Datasets;
using Life.Sweep.Filters;
using Life.Sweep.Specs;
using Life.Parquet;

namespace Life.Sweep.Pareto;

/// <summary>
/// The first pass of <see cref="DatasetPareto"/>: reads the config ids, objective columns,
/// constraint flag and filter columns row group by row group, selects the candidate rows
/// column-wise into reused buffers, and keeps each row group's front. Allocates per row group
/// (its front), never per row.
/// </summary>
internal sealed class DatasetParetoScan
{
    private readonly SweepDataset _dataset;
    private readonly IReadOnlyList<Objective> _objectives;
    private readonly WhereFilter? _filter;
    private readonly bool _constrainedOnly;
    private readonly List<string> _columns = [DatasetPareto.ConfigIdColumn];
    private readonly int[] _objectiveSlots;
    private readonly int _constraintSlot = -1;
    private readonly int[] _filterSlots = [];
    private readonly ParquetColumnData[] _filterData;
    private readonly RowGroupColumns _numbers;
    private readonly long[] _missingByObjective;
    private bool[] _selected = [];
    private bool[] _matches = [];
    private bool[] _missing = [];
    private int[] _rows = [];
    private long[] _ids = [];
    private double[] _values = [];

    public DatasetParetoScan(SweepDataset dataset, IReadOnlyList<Objective> objectives, WhereFilter? filter, bool constrainedOnly)
    {
        _dataset = dataset;
        _objectives = objectives;
        _filter = filter;
        _constrainedOnly = constrainedOnly;
        _objectiveSlots = [.. objectives.Select(o => Slot(MetricColumns.Name(o.Column)))];
        if (constrainedOnly)
        {
            _constraintSlot = Slot(DatasetPareto.ConstraintColumn);
        }

        if (filter is not null)
        {
            _filterSlots = [.. filter.Columns.Select(Slot)];
        }

        _filterData = new ParquetColumnData[_filterSlots.Length];
        _numbers = new RowGroupColumns(_columns.Count);
        _missingByObjective = new long[objectives.Count];
    }

    public long RowsEligible { get; private set; }

    public long RowsMatched { get; private set; }

    public long RowsMissingObjective { get; private set; }

    public IReadOnlyList<long> MissingByObjective => _missingByObjective;

    public List<RowGroupFront> Run(CancellationToken cancellation)
    {
        var fronts = new List<RowGroupFront>();
        foreach (var group in _dataset.Scan(_columns))
        {
            cancellation.ThrowIfCancellationRequested();
            var selected = Select(group);
            var count = Gather(group, selected);
            if (count > 0)
            {
                var k = _objectives.Count;
                var front = ParetoFront.Indices(_values, count, k);
                var ids = new long[front.Length];
                var values = new double[front.Length * k];
                for (var i = 0; i < front.Length; i++)
                {
                    ids[i] = _ids[front[i]];
                    Array.Copy(_values, front[i] * k, values, i * k, k);
                }

                fronts.Add(new RowGroupFront(group.FileIndex, group.RowGroup, new PartialFront(k, ids, values)));
            }
        }

        return fronts;
    }

    private static Span<T> Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }

        return array.AsSpan(0, length);
    }

    private int Slot(string column)
    {
        var slot = _columns.IndexOf(column);
        if (slot < 0)
        {
            slot = _columns.Count;
            _columns.Add(column);
        }

        return slot;
    }

    /// <summary>Rows that meet the constraints (if required) and match the filter.</summary>
    private Span<bool> Select(DatasetRowGroup group)
    {
        var rows = group.RowCount;
        var selected = Grow(ref _selected, rows);
        if (_constrainedOnly)
        {
            var flags = group.Columns[_constraintSlot];
            var values = flags.Booleans;
            for (var i = 0; i < rows; i++)
            {
                selected[i] = values[i] && !flags.IsNull(i);
            }
        }
        else
        {
            selected.Fill(true);
        }

        var eligible = selected.Count(true);
        RowsEligible += eligible;
        if (_filter is not null)
        {
            for (var i = 0; i < _filterSlots.Length; i++)
            {
                _filterData[i] = group.Columns[_filterSlots[i]];
            }

            var matches = Grow(ref _matches, rows);
            _filter.Evaluate(_filterData, matches);
            for (var i = 0; i < rows; i++)
            {
                selected[i] &= matches[i];
            }

            RowsMatched += selected.Count(true);
        }
        else
        {
            RowsMatched += eligible;
        }

        return selected;
    }

    /// <summary>
    /// Copies the selected rows' ids and minimized objective values (row-major) into the reused
    /// candidate buffers, objective by objective, leaving out rows with a null or non-finite value.
    /// </summary>
    private int Gather(DatasetRowGroup group, ReadOnlySpan<bool> selected)
    {
        var k = _objectives.Count;
        var rows = Grow(ref _rows, selected.Count(true));
        var n = 0;
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i])
            {
                rows[n++] = i;
            }
        }

        var missing = Grow(ref _missing, n);
        missing.Clear();
        var values = Grow(ref _values, n * k);
        _numbers.Set(group.Columns, group.RowCount);
        for (var j = 0; j < k; j++)
        {
            var column = group.Columns[_objectiveSlots[j]];
            var numbers = _numbers.Numbers(_objectiveSlots[j]);
            var objective = _objectives[j];
            for (var r = 0; r < n; r++)
            {
                var row = rows[r];
                var value = numbers[row];
                if (column.IsNull(row) || !double.IsFinite(value))
                {
                    _missingByObjective[j]++;
                    missing[r] = true;
                    continue;
                }

                values[(r * k) + j] = ParetoFront.Minimized(value, objective);
            }
        }

        // Compact the complete rows to the front of the buffers.
        var ids = group.Columns[0].Int64s;
        var candidateIds = Grow(ref _ids, n);
        var count = 0;
        for (var r = 0; r < n; r++)
        {
            if (missing[r])
            {
                RowsMissingObjective++;
                continue;
            }

            candidateIds[count] = ids[rows[r]];
            values.Slice(r * k, k).CopyTo(values[(count * k)..]);
            count++;
        }

        return count;
    }
}
