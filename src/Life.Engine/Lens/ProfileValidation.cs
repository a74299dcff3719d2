using System.Collections.Immutable;
using static System.FormattableString;

namespace Life.Engine.Lens;

/// <summary>Checks a profile's buckets and groups them per compiled batch; every message names the bucket.</summary>
internal static class ProfileValidation
{
    /// <param name="prefill">Sorted by batch, then length.</param>
    /// <param name="decode">Sorted by batch, then length.</param>
    public static BatchBuckets[] Build(
        ImmutableArray<PrefillBucket> prefill, ImmutableArray<DecodeBucket> decode, ImmutableArray<BucketMeasurement> measurements, string where)
    {
        if (prefill.IsEmpty || decode.IsEmpty)
        {
            throw new EngineInputException($"{where}: needs at least one prefill bucket and one decode bucket");
        }

        foreach (var b in prefill)
        {
            Check(b.Batch, b.Length, "prefill", "prefill_ms", b.PrefillMs, where);
        }

        foreach (var b in decode)
        {
            Check(b.Batch, b.Length, "decode", "step_ms", b.StepMs, where);
        }

        var batches = prefill.Select(b => b.Batch).Distinct().ToArray();
        var decodeBatches = decode.Select(b => b.Batch).Distinct().ToArray();
        var all = batches.Union(decodeBatches).ToArray();
        if (all.Length > 1 && all.Contains(0))
        {
            throw new EngineInputException($"{where}: give a batch on every bucket or on none");
        }

        foreach (var batch in all)
        {
            if (!batches.Contains(batch) || !decodeBatches.Contains(batch))
            {
                var has = batches.Contains(batch) ? "prefill" : "decode";
                var lacks = batches.Contains(batch) ? "decode" : "prefill";
                throw new EngineInputException(Invariant($"{where}: batch {batch} has {has} buckets but no {lacks} buckets"));
            }
        }

        foreach (var m in measurements)
        {
            if (m.Batch < 1 || m.InputTokens < 1 || m.OutputTokens < 1 || !(m.E2eMs > 0) || !double.IsFinite(m.E2eMs))
            {
                throw new EngineInputException(Invariant(
                    $"{where}: measurement (batch {m.Batch}, input {m.InputTokens}, output {m.OutputTokens}, e2e_ms {m.E2eMs}) is impossible"));
            }
        }

        return [.. batches.Select(batch => Group(batch, prefill, decode, where))];
    }

    private static BatchBuckets Group(int batch, ImmutableArray<PrefillBucket> prefill, ImmutableArray<DecodeBucket> decode, string where)
    {
        var p = prefill.Where(b => b.Batch == batch).ToArray();
        var d = decode.Where(b => b.Batch == batch).ToArray();
        var prefillLengths = p.Select(b => b.Length).ToArray();
        var decodeLengths = d.Select(b => b.Length).ToArray();
        RequireDistinct(prefillLengths, batch, "prefill", where);
        RequireDistinct(decodeLengths, batch, "decode", where);
        return new BatchBuckets(batch, prefillLengths, [.. p.Select(b => b.PrefillMs)], decodeLengths, [.. d.Select(b => b.StepMs)]);
    }

    private static void Check(int batch, int length, string phase, string field, double value, string where)
    {
        if (batch < 0)
        {
            throw new EngineInputException(Invariant($"{where}: {phase} bucket {length}: batch = {batch} is negative"));
        }

        if (length < 1)
        {
            throw new EngineInputException(Invariant($"{where}: {phase} bucket {length}{Of(batch)}: length must be at least 1"));
        }

        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new EngineInputException(Invariant($"{where}: {phase} bucket {length}{Of(batch)}: {field} = {value} must be positive and finite"));
        }
    }

    private static void RequireDistinct(int[] sortedLengths, int batch, string phase, string where)
    {
        for (var i = 1; i < sortedLengths.Length; i++)
        {
            if (sortedLengths[i] == sortedLengths[i - 1])
            {
                throw new EngineInputException(Invariant($"{where}: {phase} bucket {sortedLengths[i]}{Of(batch)} appears twice"));
            }
        }
    }

    /// <summary>" (batch 4)", or nothing for a profile that does not distinguish batches.</summary>
    internal static string Of(int batch) => batch > 0 ? Invariant($" (batch {batch})") : string.Empty;
}
