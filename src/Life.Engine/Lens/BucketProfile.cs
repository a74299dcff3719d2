using System.Collections.Immutable;
using System.Globalization;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Lens;

/// <summary>
/// LENS's view of a bucketed NPU (lens-model.md): per compiled batch, the prefill latency P(b) of each
/// prefill bucket and the per-step decode latency D(k) of each decode bucket, with the measurements they
/// came from. Immutable and validated on construction (every message names the bucket). Prediction is
/// arithmetic over precomputed arrays: no allocation, no loop over output tokens.
/// </summary>
public sealed class BucketProfile
{
    private readonly BatchBuckets[] _batches;

    public BucketProfile(
        string device,
        IEnumerable<PrefillBucket> prefillBuckets,
        IEnumerable<DecodeBucket> decodeBuckets,
        IEnumerable<BucketMeasurement>? measurements = null,
        string? model = null,
        string? source = null)
    {
        ArgumentNullException.ThrowIfNull(prefillBuckets);
        ArgumentNullException.ThrowIfNull(decodeBuckets);
        Device = string.IsNullOrWhiteSpace(device) ? throw new EngineInputException($"profile '{source}': no device name") : device;
        Model = model;
        var where = $"profile '{source ?? device}'";
        PrefillBuckets = [.. prefillBuckets.OrderBy(b => b.Batch).ThenBy(b => b.Length)];
        DecodeBuckets = [.. decodeBuckets.OrderBy(b => b.Batch).ThenBy(b => b.Length)];
        Measurements = measurements is null ? [] : [.. measurements];
        _batches = ProfileValidation.Build(PrefillBuckets, DecodeBuckets, Measurements, where);
        Batches = [.. _batches.Select(b => b.Batch)];
    }

    public string Device { get; }

    /// <summary>The model the buckets were compiled for, when known.</summary>
    public string? Model { get; }

    /// <summary>Sorted by batch, then length.</summary>
    public ImmutableArray<PrefillBucket> PrefillBuckets { get; }

    /// <summary>Sorted by batch, then length.</summary>
    public ImmutableArray<DecodeBucket> DecodeBuckets { get; }

    /// <summary>The runs the profile was calibrated from (empty for a hand-made profile).</summary>
    public ImmutableArray<BucketMeasurement> Measurements { get; }

    /// <summary>Compiled batches, ascending; a single 0 when the profile applies to any batch.</summary>
    public ImmutableArray<int> Batches { get; }

    /// <summary>
    /// TTFT = P(bucket of the input); E2E = TTFT + Σ_k n_k·D(k) over the decode buckets the steps
    /// t = 1..output−1 (context input + t) fall in; TPOT = (E2E − TTFT) / (output − 1). The batch runs in the
    /// smallest compiled batch that holds it. Throws <see cref="EngineInputException"/> for a request the
    /// device cannot run (lengths beyond the largest bucket are not extrapolated).
    /// </summary>
    public LatencyPrediction Predict(int batch, int input, int output)
    {
        var failure = TryPredict(batch, input, output, out var prediction);
        return failure == PredictionFailure.None ? prediction : throw new EngineInputException(Explain(failure, batch, input, output));
    }

    /// <summary><see cref="Predict"/> without exceptions, for sweeps: returns why it failed, or None.</summary>
    public PredictionFailure TryPredict(int batch, int input, int output, out LatencyPrediction prediction)
    {
        prediction = default;
        if (batch < 1 || input < 1 || output < 1)
        {
            return PredictionFailure.InvalidWorkload;
        }

        var buckets = Select(batch);
        if (buckets is null)
        {
            return PredictionFailure.BatchBeyondCompiled;
        }

        var prefill = BatchBuckets.IndexOf(buckets.PrefillLengths, input);
        if (prefill < 0)
        {
            return PredictionFailure.InputBeyondBuckets;
        }

        var ttft = buckets.PrefillMs[prefill];
        ReadOnlySpan<int> lengths = buckets.DecodeLengths;
        ReadOnlySpan<double> stepMs = buckets.StepMs;
        double tpot;
        double decode = 0;
        if (output == 1)
        {
            var next = BatchBuckets.IndexOf(lengths, input + 1L);
            tpot = next >= 0 ? stepMs[next] : double.NaN;
        }
        else
        {
            // Steps t = 1..output−1 see contexts first..last; walk the buckets they cross, not the steps.
            var first = input + 1L;
            var last = input + (long)output - 1;
            if (last > buckets.MaxDecode)
            {
                return PredictionFailure.ContextBeyondBuckets;
            }

            var from = first;
            for (var k = BatchBuckets.IndexOf(lengths, first); from <= last; k++)
            {
                var to = Math.Min(last, lengths[k]);
                decode += (to - from + 1) * stepMs[k];
                from = to + 1;
            }

            tpot = decode / (output - 1);
        }

        prediction = new LatencyPrediction(ttft, tpot, ttft + decode, buckets.Batch, buckets.PrefillLengths[prefill]);
        return PredictionFailure.None;
    }

    /// <summary><see cref="Predict"/> as the engine's metrics (times and rates; see <see cref="LatencyPrediction.ToMetrics(in Workload)"/>).</summary>
    public Metrics Evaluate(in Workload workload) =>
        Predict(workload.Batch, workload.InputTokens, workload.OutputTokens).ToMetrics(workload);

    /// <summary>As <see cref="Evaluate(in Workload)"/>, with cost and energy from the device's price and power.</summary>
    public Metrics Evaluate(in Workload workload, in HardwareSpec hardware) =>
        Predict(workload.Batch, workload.InputTokens, workload.OutputTokens).ToMetrics(workload, hardware);

    /// <summary>The decode buckets a generation crosses and the steps n_k spent in each (for reports; allocates).</summary>
    public IReadOnlyList<DecodeSpan> DecodeSpans(int batch, int input, int output)
    {
        Predict(batch, input, output);
        var buckets = Select(batch)!;
        var spans = new List<DecodeSpan>();
        var first = input + 1L;
        var last = input + (long)output - 1;
        for (var k = BatchBuckets.IndexOf(buckets.DecodeLengths, first); first <= last; k++)
        {
            var to = Math.Min(last, buckets.DecodeLengths[k]);
            spans.Add(new DecodeSpan(buckets.DecodeLengths[k], to - first + 1, buckets.StepMs[k]));
            first = to + 1;
        }

        return spans;
    }

    /// <summary>The buckets of the smallest compiled batch holding <paramref name="batch"/>, or null.</summary>
    internal BatchBuckets? Select(int batch)
    {
        foreach (var buckets in _batches)
        {
            if (buckets.Batch == 0 || buckets.Batch >= batch)
            {
                return buckets;
            }
        }

        return null;
    }

    private string Explain(PredictionFailure failure, int batch, int input, int output)
    {
        var c = CultureInfo.InvariantCulture;
        if (failure == PredictionFailure.InvalidWorkload)
        {
            // Throws with the workload's own message (the same one `predict` gives).
            new Workload(batch, input, output).Validate();
        }

        if (failure == PredictionFailure.BatchBeyondCompiled)
        {
            return string.Create(c, $"batch {batch} is beyond the largest compiled batch {_batches[^1].Batch} of profile '{Device}'");
        }

        var buckets = Select(batch)!;
        var of = buckets.Batch > 0 ? string.Create(c, $" (batch {buckets.Batch})") : string.Empty;
        return failure == PredictionFailure.InputBeyondBuckets
            ? string.Create(c, $"input {input} is beyond the largest prefill bucket {buckets.MaxPrefill}{of} of profile '{Device}': the device cannot run it")
            : string.Create(c, $"input {input} + output {output} needs KV length {input + (long)output - 1}, beyond the largest decode bucket {buckets.MaxDecode}{of} of profile '{Device}'");
    }
}
