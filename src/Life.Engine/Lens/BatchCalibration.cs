using static System.FormattableString;

namespace Life.Engine.Lens;

/// <summary>
/// The calibration runs of one compiled batch, sorted into buckets as they are added (rejecting runs that
/// fit no bucket), then turned into P and D by <see cref="Complete"/>.
/// </summary>
internal sealed class BatchCalibration
{
    private readonly int _batch;
    private readonly BucketLists _buckets;
    private readonly string _source;
    private readonly List<BucketMeasurement>[] _firstTokenRuns;
    private readonly List<DecodeRun>[] _decodeRuns;

    public BatchCalibration(int batch, BucketLists buckets, string source)
    {
        _batch = batch;
        _buckets = buckets;
        _source = source;
        _firstTokenRuns = [.. buckets.Prefill.Select(_ => new List<BucketMeasurement>())];
        _decodeRuns = [.. buckets.Decode.Select(_ => new List<DecodeRun>())];
    }

    private string PrefillName => _buckets.IsShared ? "bucket" : "prefill bucket";

    private string DecodeName => _buckets.IsShared ? "bucket" : "decode bucket";

    public void Add(in BucketMeasurement row)
    {
        var at = Location(row);
        if (row.Batch < 1 || row.InputTokens < 1 || row.OutputTokens < 1 || !(row.E2eMs > 0) || !double.IsFinite(row.E2eMs))
        {
            throw new EngineInputException(Invariant(
                $"{at}: batch {row.Batch}, input {row.InputTokens}, output {row.OutputTokens}, e2e_ms {row.E2eMs} is not a possible run"));
        }

        var prefill = BatchBuckets.IndexOf(_buckets.Prefill.AsSpan(), row.InputTokens);
        if (prefill < 0)
        {
            throw new EngineInputException(Invariant(
                $"{at}: input {row.InputTokens} is outside every {PrefillName} (the largest is {_buckets.Prefill[^1]})"));
        }

        var bucket = _buckets.Prefill[prefill];
        if (row.OutputTokens == 1)
        {
            CheckBucketColumn(row, bucket, bucket);
            _firstTokenRuns[prefill].Add(row);
            return;
        }

        // Decode steps t = 1..m−1 run at KV lengths input+1..input+m−1.
        var first = row.InputTokens + 1L;
        var last = row.InputTokens + (long)row.OutputTokens - 1;
        var from = BatchBuckets.IndexOf(_buckets.Decode.AsSpan(), first);
        var to = BatchBuckets.IndexOf(_buckets.Decode.AsSpan(), last);
        if (_buckets.IsShared && last > bucket)
        {
            throw new EngineInputException(Invariant(
                $"{at}: bucket {bucket}{Of}: the run at input {row.InputTokens} with output {row.OutputTokens} decodes up to KV length {last}, leaving the bucket; choose input + output − 1 ≤ {bucket}"));
        }

        if (to < 0)
        {
            throw new EngineInputException(Invariant(
                $"{at}: decode bucket {_buckets.Decode[^1]}{Of}: the run at input {row.InputTokens} with output {row.OutputTokens} decodes up to KV length {last}, outside every decode bucket"));
        }

        CheckBucketColumn(row, bucket, _buckets.Decode[to]);
        _decodeRuns[to].Add(new DecodeRun(row, prefill, from));
    }

    /// <summary>P for every prefill bucket, then D for every decode bucket; throws naming the first bucket that lacks runs.</summary>
    public (List<PrefillBucket> Prefill, List<DecodeBucket> Decode) Complete()
    {
        if (_buckets.IsShared)
        {
            // One list for both phases: each bucket needs its pair of runs; report the first incomplete one.
            for (var b = 0; b < _buckets.Prefill.Length; b++)
            {
                if (_firstTokenRuns[b].Count == 0 || _decodeRuns[b].Count == 0)
                {
                    throw new EngineInputException(Incomplete(b));
                }
            }
        }

        var prefillMs = new double[_buckets.Prefill.Length];
        var prefill = new List<PrefillBucket>();
        for (var b = 0; b < prefillMs.Length; b++)
        {
            var runs = _firstTokenRuns[b];
            if (runs.Count == 0)
            {
                throw new EngineInputException(Invariant($"{_source}: prefill bucket {_buckets.Prefill[b]}{Of}: no run with output 1, so P is unknown"));
            }

            prefillMs[b] = runs.Average(r => r.E2eMs);
            prefill.Add(new PrefillBucket(_batch, _buckets.Prefill[b], prefillMs[b], runs.Count));
        }

        var decode = new List<DecodeBucket>();
        for (var k = 0; k < _decodeRuns.Length; k++)
        {
            decode.Add(Decode(k, prefillMs, decode));
        }

        return (prefill, decode);
    }

    /// <summary>
    /// D(k) from the runs whose last step falls in decode bucket k. A run that started in lower decode buckets
    /// (possible only with separate lists) has those steps subtracted at the D already derived for them, which
    /// is why buckets are solved in ascending order.
    /// </summary>
    private DecodeBucket Decode(int k, double[] prefillMs, List<DecodeBucket> lower)
    {
        var runs = _decodeRuns[k];
        if (runs.Count == 0)
        {
            throw new EngineInputException(Invariant(
                $"{_source}: decode bucket {_buckets.Decode[k]}{Of}: no run with output > 1 ends its decode inside it, so D is unknown"));
        }

        double decodeMs = 0, steps = 0;
        foreach (var run in runs)
        {
            var row = run.Row;
            var p = prefillMs[run.Prefill];
            var time = row.E2eMs - p;
            var from = row.InputTokens + 1L;
            for (var j = run.FirstDecode; j < k; j++)
            {
                time -= (_buckets.Decode[j] - from + 1) * lower[j].StepMs;
                from = _buckets.Decode[j] + 1L;
            }

            var inside = row.InputTokens + (long)row.OutputTokens - from;
            var step = time / inside;
            if (!(step > 0))
            {
                var earlier = run.FirstDecode < k ? Invariant($" after {row.E2eMs - p - time:0.####} ms in lower decode buckets") : string.Empty;
                throw new EngineInputException(Invariant(
                    $"{Location(row)}: {DecodeName} {_buckets.Decode[k]}{Of}: derived decode step time {step:0.####} ms is not positive (E2E {row.E2eMs} ms at output {row.OutputTokens} vs P = {p:0.####} ms at output 1{earlier})"));
            }

            decodeMs += time;
            steps += inside;
        }

        return new DecodeBucket(_batch, _buckets.Decode[k], decodeMs / steps, runs.Count);
    }

    private string Of => Invariant($" (batch {_batch})");

    /// <summary>With one list for both phases a bucket needs both kinds of run; says which is missing.</summary>
    private string Incomplete(int b)
    {
        var ones = _firstTokenRuns[b];
        var decodes = _decodeRuns[b].Select(r => r.Row).ToList();
        var all = ones.Concat(decodes).OrderBy(r => r.Line).ToList();
        var head = Invariant($"{_source}: bucket {_buckets.Prefill[b]}{Of}");
        var need = "LENS needs two runs per bucket, with output 1 and with output m > 1 decoding inside the bucket";
        return all.Count switch
        {
            0 => $"{head}: no runs; {need}",
            1 => Invariant($"{head}: only one run (line {all[0].Line}: input {all[0].InputTokens}, output {all[0].OutputTokens}); {need}"),
            _ => Invariant($"{head}: {all.Count} runs but none with output {(ones.Count == 0 ? "1" : "m > 1")}; {need}"),
        };
    }

    private void CheckBucketColumn(in BucketMeasurement row, int prefillBucket, int decodeBucket)
    {
        if (row.Bucket > 0 && row.Bucket != prefillBucket && (row.OutputTokens == 1 || row.Bucket != decodeBucket))
        {
            throw new EngineInputException(Invariant(
                $"{Location(row)}: bucket column says {row.Bucket} but input {row.InputTokens} is padded to {PrefillName} {prefillBucket}"));
        }
    }

    private string Location(in BucketMeasurement row) => row.Line > 0 ? Invariant($"{_source} line {row.Line}") : _source;
}
