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
    private readonly List<(BucketMeasurement Row, int Prefill)>[] _decodeRuns;

    public BatchCalibration(int batch, BucketLists buckets, string source)
    {
        _batch = batch;
        _buckets = buckets;
        _source = source;
        _firstTokenRuns = [.. buckets.Prefill.Select(_ => new List<BucketMeasurement>())];
        _decodeRuns = [.. buckets.Decode.Select(_ => new List<(BucketMeasurement, int)>())];
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

        // Decode steps t = 1..m−1 run at KV lengths input+1..input+m−1; all must share one decode bucket.
        var first = row.InputTokens + 1L;
        var last = row.InputTokens + (long)row.OutputTokens - 1;
        var from = BatchBuckets.IndexOf(_buckets.Decode.AsSpan(), first);
        var to = BatchBuckets.IndexOf(_buckets.Decode.AsSpan(), last);
        if (_buckets.IsShared ? last > bucket : from < 0 || from != to)
        {
            var home = _buckets.IsShared ? bucket : from < 0 ? _buckets.Decode[^1] : _buckets.Decode[from];
            throw new EngineInputException(Invariant(
                $"{at}: {DecodeName} {home}{Of}: the run at input {row.InputTokens} with output {row.OutputTokens} decodes up to KV length {last}, leaving the bucket; choose input + output − 1 ≤ {home}"));
        }

        CheckBucketColumn(row, bucket, _buckets.Decode[from]);
        _decodeRuns[from].Add((row, prefill));
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
            decode.Add(Decode(k, prefillMs));
        }

        return (prefill, decode);
    }

    private DecodeBucket Decode(int k, double[] prefillMs)
    {
        var runs = _decodeRuns[k];
        if (runs.Count == 0)
        {
            throw new EngineInputException(Invariant(
                $"{_source}: decode bucket {_buckets.Decode[k]}{Of}: no run with output > 1 decodes inside it, so D is unknown"));
        }

        double decodeMs = 0, steps = 0;
        foreach (var (row, prefill) in runs)
        {
            var p = prefillMs[prefill];
            var step = (row.E2eMs - p) / (row.OutputTokens - 1);
            if (!(step > 0))
            {
                throw new EngineInputException(Invariant(
                    $"{Location(row)}: {DecodeName} {_buckets.Decode[k]}{Of}: derived decode step time {step:0.####} ms is not positive (E2E {row.E2eMs} ms at output {row.OutputTokens} vs P = {p:0.####} ms at output 1)"));
            }

            decodeMs += row.E2eMs - p;
            steps += row.OutputTokens - 1;
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
