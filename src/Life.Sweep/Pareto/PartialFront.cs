using System.Buffers.Binary;
using Life.Sweep.Results;
using Life.Sweep.Specs;

namespace Life.Sweep.Pareto;

/// <summary>
/// A shard's Pareto front: config ids with their objective values (as minimized), small enough to
/// keep in the checkpoint store, so the sweep's front is a merge of partial fronts, never a rescan.
/// </summary>
public sealed class PartialFront
{
    public PartialFront(int objectives, long[] ids, double[] values)
    {
        Objectives = objectives;
        Ids = ids;
        Values = values;
    }

    public int Objectives { get; }

    public long[] Ids { get; }

    /// <summary>Row-major, <see cref="Objectives"/> per id, minimized.</summary>
    public double[] Values { get; }

    public int Count => Ids.Length;

    public static PartialFront Empty(int objectives) => new(objectives, [], []);

    /// <summary>The front of the batch's canonical rows that meet the constraints and have every objective defined.</summary>
    public static PartialFront Of(ResultBatch batch, IReadOnlyList<Objective> objectives)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(objectives);
        var k = objectives.Count;
        if (k == 0)
        {
            return Empty(0);
        }

        var rows = new int[batch.Count];
        var all = new double[batch.Count * k];
        var kept = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            if (!batch.MeetsConstraints[row] || !batch.Canonical[row])
            {
                continue;
            }

            var defined = true;
            for (var j = 0; j < k && defined; j++)
            {
                defined = double.IsFinite(batch.Metrics[(int)objectives[j].Column][row]);
            }

            if (!defined)
            {
                continue;
            }

            rows[kept] = row;
            for (var j = 0; j < k; j++)
            {
                all[(kept * k) + j] = ParetoFront.Minimized(batch.Metrics[(int)objectives[j].Column][row], objectives[j]);
            }

            kept++;
        }

        var front = ParetoFront.Indices(all, kept, k);
        var ids = new long[front.Length];
        var frontValues = new double[front.Length * k];
        for (var i = 0; i < front.Length; i++)
        {
            ids[i] = batch.ConfigIds[rows[front[i]]];
            Array.Copy(all, front[i] * k, frontValues, i * k, k);
        }

        return new PartialFront(k, ids, frontValues);
    }

    /// <summary>The front of the union of <paramref name="parts"/>, ids ascending.</summary>
    public static PartialFront Merge(IReadOnlyList<PartialFront> parts, int objectives)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var ids = new List<long>();
        var values = new List<double>();
        foreach (var part in parts)
        {
            ids.AddRange(part.Ids);
            values.AddRange(part.Values);
        }

        var all = values.ToArray();
        var front = ParetoFront.Indices(all, ids.Count, objectives);
        var pairs = new (long Id, int Index)[front.Length];
        for (var i = 0; i < front.Length; i++)
        {
            pairs[i] = (ids[front[i]], front[i]);
        }

        Array.Sort(pairs, (a, b) => a.Id.CompareTo(b.Id));
        var mergedIds = new long[pairs.Length];
        var mergedValues = new double[pairs.Length * objectives];
        for (var i = 0; i < pairs.Length; i++)
        {
            mergedIds[i] = pairs[i].Id;
            Array.Copy(all, pairs[i].Index * objectives, mergedValues, i * objectives, objectives);
        }

        return new PartialFront(objectives, mergedIds, mergedValues);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[8 + (Count * (8 + (8 * Objectives)))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, Objectives);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Count);
        var offset = 8;
        for (var i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], Ids[i]);
            offset += 8;
            for (var j = 0; j < Objectives; j++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[offset..], Values[(i * Objectives) + j]);
                offset += 8;
            }
        }

        return bytes;
    }

    public static PartialFront FromBytes(ReadOnlySpan<byte> bytes)
    {
        var objectives = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var ids = new long[count];
        var values = new double[count * objectives];
        var offset = 8;
        for (var i = 0; i < count; i++)
        {
            ids[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[offset..]);
            offset += 8;
            for (var j = 0; j < objectives; j++)
            {
                values[(i * objectives) + j] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[offset..]);
                offset += 8;
            }
        }

        return new PartialFront(objectives, ids, values);
    }
}
