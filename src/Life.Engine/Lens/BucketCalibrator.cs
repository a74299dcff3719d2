namespace Life.Engine.Lens;

/// <summary>
/// Builds a <see cref="BucketProfile"/> from end-to-end runs (lens-model.md): per compiled batch, the runs
/// with output 1 give P(b) of their input's prefill bucket, and each run with output m &gt; 1 gives D of the
/// decode bucket it decodes in, D = (E2E_m − P) / (m − 1). With one list for both phases a run must decode
/// inside its input's bucket (input + m − 1 ≤ B_b). With separate lists a run may start in lower decode
/// buckets, whose steps are subtracted at their already derived D: decode buckets above the largest prefill
/// bucket can only be reached that way. Several runs of a kind are pooled (P: mean; D: total decode time
/// over total steps). Inconsistent data is rejected, naming file, line and bucket.
/// </summary>
public static class BucketCalibrator
{
    public static BucketProfile Calibrate(IReadOnlyList<BucketMeasurement> rows, BucketLists buckets, string device, string source, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(buckets);
        if (rows.Count == 0)
        {
            throw new EngineInputException($"{source}: no measurement rows");
        }

        var prefill = new List<PrefillBucket>();
        var decode = new List<DecodeBucket>();
        foreach (var batch in rows.Select(r => r.Batch).Distinct().Order())
        {
            var group = new BatchCalibration(batch, buckets, source);
            foreach (var row in rows.Where(r => r.Batch == batch))
            {
                group.Add(row);
            }

            var (p, d) = group.Complete();
            prefill.AddRange(p);
            decode.AddRange(d);
        }

        return new BucketProfile(device, prefill, decode, rows, model, source);
    }
}
